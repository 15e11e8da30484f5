using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;

namespace FairFund.Tests.Builders;

/// <summary>A valid round by default (one criterion 0..4, mean of 2 reviews, no rules or pots); change what a test is about.</summary>
public sealed record RoundBuilder
{
    public static readonly Criterion Need = new("need", "Local need", 1m, 0, 4);

    public string Reference { get; init; } = "TEST-ROUND";
    public decimal Budget { get; init; } = 100_000m;
    public string Seed { get; init; } = "test-seed";
    public IReadOnlyList<Criterion> Criteria { get; init; } = [Need];
    public Aggregation Aggregation { get; init; } = Aggregation.Mean;
    public int MinReviews { get; init; } = 2;
    public decimal Threshold { get; init; } = 0m;
    public LotteryBand? LotteryBand { get; init; }
    public decimal GrantMin { get; init; } = 1_000m;
    public decimal GrantMax { get; init; } = 25_000m;
    public WhenTooBig WhenTooBig { get; init; } = WhenTooBig.Skip;
    public decimal PartialMinFraction { get; init; } = 0.5m;
    public IncomeBands IncomeBands { get; init; } = IncomeBands.Default;
    public IReadOnlyList<EquityRule> Rules { get; init; } = [];
    public IReadOnlyList<RingFencedPot> Pots { get; init; } = [];
    public bool Rollover { get; init; } = true;
    public IReadOnlyList<ApplicationEntry> Applications { get; init; } = [];

    public RoundBuilder With(params ApplicationEntry[] applications) => this with { Applications = [.. Applications, .. applications] };

    public RoundSettings Settings() => new(Reference, "Test round", "GBP", Budget, Seed, Criteria, Aggregation, MinReviews, Threshold,
        LotteryBand, GrantMin, GrantMax, WhenTooBig, PartialMinFraction, IncomeBands, Rules, Pots, Rollover);

    public RoundFile File() => new(Settings(), Applications);

    public AllocationResult Allocate() => Allocator.Allocate(Settings(), Applications);
}

/// <summary>An eligible application by default, from a micro organisation, with two reviews of 2 out of 4 (50.00).</summary>
public sealed record ApplicationBuilder
{
    public string Reference { get; init; } = "APP-1";
    public string OrganisationName { get; init; } = "Test Group";
    public decimal AnnualIncome { get; init; } = 5_000m;
    public IReadOnlyList<string> Flags { get; init; } = [];
    public decimal Requested { get; init; } = 5_000m;
    public bool Eligible { get; init; } = true;
    public string? IneligibleReason { get; init; }
    public IReadOnlyList<Review> Reviews { get; init; } = [new("P1", false, [2]), new("P2", false, [2])];

    /// <summary>One review per score, each on the builder round's single criterion.</summary>
    public ApplicationBuilder WithScores(params int[] scores) =>
        this with { Reviews = scores.Select((score, i) => new Review($"P{i + 1}", false, [score])).ToList() };

    public ApplicationEntry Build() => new(Reference, new Organisation(OrganisationName, AnnualIncome, Flags), Requested, Eligible, IneligibleReason, Reviews);

    public static implicit operator ApplicationEntry(ApplicationBuilder builder) => builder.Build();
}
