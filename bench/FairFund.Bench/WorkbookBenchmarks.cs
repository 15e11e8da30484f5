using BenchmarkDotNet.Attributes;
using FairFund.Domain.Allocation;
using FairFund.Web.Export;

namespace FairFund.Bench;

/// <summary>
/// Writing the allocation workbook (five sheets; the score trail has about 20 rows per application) for a
/// round already allocated, to a stream that keeps nothing, so only the workbook's own cost is measured.
/// </summary>
[MemoryDiagnoser]
public class WorkbookBenchmarks
{
    private const int GeneratorSeed = 2027;

    private WorkbookInput input = null!;

    [Params(1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => input = WorkbookPeak.Input(N, GeneratorSeed);

    [Benchmark]
    public long Write()
    {
        using var stream = new CountingStream();
        AllocationWorkbook.Write(input, stream);
        return stream.Length;
    }
}

/// <summary>
/// <c>workbook-peak N [FILE]</c>: writes the workbook for N synthetic applications once, in this fresh process,
/// and prints the time it took and the process's peak working set before and after, which BenchmarkDotNet's
/// allocated-bytes figure does not show.
/// </summary>
public static class WorkbookPeak
{
    public const string Command = "workbook-peak";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static WorkbookInput Input(int count, int seed)
    {
        var settings = SyntheticRound.Settings(count);
        return WorkbookInput.ByTheRules(settings, Allocator.Allocate(settings, SyntheticRound.Applications(count, seed)));
    }

    public static int Run(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[1], out var count) || count < 1)
        {
            Console.Error.WriteLine($"Usage: {Command} N [FILE]");
            return 2;
        }
        var input = Input(count, 2027);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var peakBefore = process.PeakWorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = process.TotalProcessorTime;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (Stream stream = args.Length > 2 ? File.Create(args[2]) : new CountingStream())
        {
            AllocationWorkbook.Write(input, stream);
            started.Stop();
            process.Refresh();
            // CPU time as well as elapsed: on a shared machine the elapsed time says as much about the neighbours.
            Console.WriteLine($"Wrote {stream.Length:N0} bytes for {count:N0} applications in {started.Elapsed.TotalSeconds:0.00} s ({(process.TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s of CPU)");
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        Console.WriteLine($"Peak working set: {Mib(peakBefore)} before writing, {Mib(process.PeakWorkingSet64)} after");
        Console.WriteLine($"Allocated while writing: {Mib(allocated)}");
        return 0;
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MiB";
}

/// <summary>A write-only stream that counts the bytes and keeps none, so memory figures are the writer's alone.</summary>
internal sealed class CountingStream : Stream
{
    private long length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => length += count;
}
