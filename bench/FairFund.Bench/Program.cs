using BenchmarkDotNet.Running;
using FairFund.Bench;
using FairFund.Bench.StackFloor;

if (SeedModeration.IsInvokedBy(args)) return await SeedModeration.RunAsync(args);
if (WorkbookPeak.IsInvokedBy(args)) return WorkbookPeak.Run(args);
if (SendDecisions.IsInvokedBy(args)) return await SendDecisions.RunAsync(args);
if (RushSeed.IsInvokedBy(args)) return await RushSeed.RunAsync(args);
if (RushClient.IsInvokedBy(args)) return await RushClient.RunAsync(args);
if (RushCheck.IsInvokedBy(args)) return await RushCheck.RunAsync(args);
if (CommitLimit.IsInvokedBy(args)) return await CommitLimit.RunAsync(args);
if (StackFloorBench.IsInvokedBy(args)) return await StackFloorBench.RunAsync(args);
if (ApplicationListBench.IsInvokedBy(args)) return await ApplicationListBench.RunAsync(args);
if (OutcomesPageBench.IsInvokedBy(args)) return await OutcomesPageBench.RunAsync(args);

BenchmarkSwitcher.FromAssembly(typeof(AllocatorBenchmarks).Assembly).Run(args);
return 0;
