using BenchmarkDotNet.Running;
using FairFund.Bench;

if (SeedModeration.IsInvokedBy(args)) return await SeedModeration.RunAsync(args);
if (WorkbookPeak.IsInvokedBy(args)) return WorkbookPeak.Run(args);
if (SendDecisions.IsInvokedBy(args)) return await SendDecisions.RunAsync(args);

BenchmarkSwitcher.FromAssembly(typeof(AllocatorBenchmarks).Assembly).Run(args);
return 0;
