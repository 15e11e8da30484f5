using BenchmarkDotNet.Attributes;
using FairFund.Domain.Allocation;

namespace FairFund.Bench;

/// <summary>
/// How long a whole allocation takes against the cheapest thing it must at least do: put the same
/// applications in order by a decimal key. The ratio says how much the scoring, lottery keys,
/// explanation trail and pots cost on top of one sort.
/// </summary>
[MemoryDiagnoser]
public class AllocatorBenchmarks
{
    private const int GeneratorSeed = 2027;

    private RoundSettings settings = null!;
    private List<ApplicationEntry> applications = null!;

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        settings = SyntheticRound.Settings(N);
        applications = SyntheticRound.Applications(N, GeneratorSeed);
    }

    // Both benchmarks start by copying the list of applications (the records themselves are shared, not
    // cloned), so that the copy costs the same on both sides and the ratio compares only the work after it.

    [Benchmark(Baseline = true)]
    public List<ApplicationEntry> SortByDecimalKey()
    {
        var copy = new List<ApplicationEntry>(applications);
        copy.Sort(static (a, b) => b.Requested.CompareTo(a.Requested));
        return copy;
    }

    [Benchmark]
    public AllocationResult Allocate()
    {
        var copy = new List<ApplicationEntry>(applications);
        return Allocator.Allocate(settings, copy);
    }
}
