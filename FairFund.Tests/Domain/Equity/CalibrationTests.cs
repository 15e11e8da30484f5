using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using FairFund.Tests.Domain.Allocation;

namespace FairFund.Tests.Domain.Equity;

/// <summary>Reviewer calibration, worked by hand on small panels, and on every scenario.</summary>
public sealed class CalibrationTests
{
    /// <summary>One criterion scored 0..100, so a review's score is its one score and the arithmetic stays readable.</summary>
    private static readonly Criterion Quality = new("quality", "Quality", 1m, 0, 100);

    private static RoundBuilder Round(decimal budget) => new() { Budget = budget, Criteria = [Quality], MinReviews = 1 };

    private static ApplicationBuilder ReviewedBy(string reference, string reviewer, int score) =>
        new() { Reference = reference, Requested = 5_000m, Reviews = [new Review(reviewer, false, [score])] };

    [Fact]
    public void Of_HarshAndGenerousReviewer_CalibratesBothToThePanelAndChangesWhoIsFunded()
    {
        // HARSH scored A 40 and B 60 (mean 50, deviation 10); KIND scored C 70 and D 90 (mean 80, deviation 10).
        // Panel: 40, 60, 70, 90: mean 65; deviations −25, −5, 5, 25; variance (625 + 25 + 25 + 625) ÷ 4 = 325;
        // deviation √325 = 18.0277…. Each member's scores are one deviation below and above their mean (z = ∓1),
        // so each becomes 65 ∓ 18.0277… = 46.97 and 83.03 (rounded to 2 places, half away from zero).
        // The budget funds two: on raw scores D (90) and C (70); calibrated, B and D (83.03) and not C (46.97).
        var round = Round(10_000m).With(ReviewedBy("A", "HARSH", 40), ReviewedBy("B", "HARSH", 60), ReviewedBy("C", "KIND", 70), ReviewedBy("D", "KIND", 90));

        var calibration = Calibration.Of(round.Settings(), round.Applications);

        Assert.Equal((4, 65.00m, 18.03m), (calibration.PanelReviews, calibration.PanelMean, calibration.PanelStandardDeviation));
        Assert.Equal(
            [("HARSH", 2, 50.00m, 10.00m, -15.00m, ReviewerAdjustment.Rescaled), ("KIND", 2, 80.00m, 10.00m, 15.00m, ReviewerAdjustment.Rescaled)],
            calibration.Reviewers.Select(reviewer => (reviewer.Reviewer, reviewer.Scored, reviewer.Mean, reviewer.StandardDeviation, reviewer.DifferenceFromPanel, reviewer.Adjustment)));
        Assert.Equal(
            [("A", 40m, 46.97m), ("B", 60m, 83.03m), ("C", 70m, 46.97m), ("D", 90m, 83.03m)],
            calibration.Applications.Select(application => (application.Reference, application.RawScore!.Value, application.CalibratedScore!.Value)));

        Assert.Equal(["C", "D"], calibration.WithRawScores.Applications.Where(application => application.Decision == Decision.Award).Select(application => application.Reference));
        Assert.Equal(["B", "D"], calibration.WithCalibratedScores.Applications.Where(application => application.Decision == Decision.Award).Select(application => application.Reference));
        Assert.Equal(
            [("B", Decision.Waitlist, Decision.Award), ("C", Decision.Award, Decision.Waitlist)],
            calibration.Changes.Select(change => (change.Reference, change.Published.Decision, change.Alternative.Decision)));
    }

    [Fact]
    public void Of_OneReviewAndNoSpread_KeepsTheLoneScoreAndPutsTheFlatOnesAtThePanelMean()
    {
        // SPREAD scored A 20 and B 60 (mean 40, deviation 20); FLAT scored C and D 80 each (deviation 0: nothing
        // to divide by); ONCE scored only E, 70. Panel: 20, 60, 80, 80, 70: mean 62; deviations −42, −2, 18, 18, 8;
        // variance (1764 + 4 + 324 + 324 + 64) ÷ 5 = 496; deviation √496 = 22.2710….
        // SPREAD's are z = ∓1: 62 ∓ 22.2710… = 39.73 and 84.27. FLAT's rank nothing, so both sit at the mean, 62.00.
        // ONCE's one score cannot tell a harsh reviewer from a weak application, so it stays 70.00.
        var round = Round(100_000m).With(
            ReviewedBy("A", "SPREAD", 20), ReviewedBy("B", "SPREAD", 60), ReviewedBy("C", "FLAT", 80), ReviewedBy("D", "FLAT", 80), ReviewedBy("E", "ONCE", 70));

        var calibration = Calibration.Of(round.Settings(), round.Applications);

        Assert.Equal((62.00m, 22.27m), (calibration.PanelMean, calibration.PanelStandardDeviation));
        Assert.Equal(
            [("FLAT", 2, 80.00m, 0.00m, ReviewerAdjustment.NoSpread), ("ONCE", 1, 70.00m, 0.00m, ReviewerAdjustment.TooFewToCalibrate), ("SPREAD", 2, 40.00m, 20.00m, ReviewerAdjustment.Rescaled)],
            calibration.Reviewers.Select(reviewer => (reviewer.Reviewer, reviewer.Scored, reviewer.Mean, reviewer.StandardDeviation, reviewer.Adjustment)));
        Assert.Equal(
            [39.73m, 84.27m, 62.00m, 62.00m, 70.00m],
            calibration.Applications.Select(application => application.CalibratedScore!.Value));
    }

    [Fact]
    public void Of_WholePanelGaveOneScore_EveryCalibratedScoreIsThatScore()
    {
        var round = Round(100_000m).With(ReviewedBy("A", "P1", 55), ReviewedBy("B", "P1", 55), ReviewedBy("C", "P2", 55));

        var calibration = Calibration.Of(round.Settings(), round.Applications);

        Assert.Equal(0m, calibration.PanelStandardDeviation);
        Assert.All(calibration.Applications, application => Assert.Equal(55m, application.CalibratedScore));
        Assert.Empty(calibration.Changes);
    }

    [Fact]
    public void Of_ConflictedAndIneligible_TheirReviewsAreNotCounted()
    {
        var round = Round(100_000m).With(
            new ApplicationBuilder { Reference = "A", Reviews = [new Review("P1", false, [40]), new Review("P2", true, [100])] },
            new ApplicationBuilder { Reference = "B", Reviews = [new Review("P1", false, [60])] },
            new ApplicationBuilder { Reference = "X", Eligible = false, IneligibleReason = "outside the area", Reviews = [new Review("P2", false, [10])] });

        var calibration = Calibration.Of(round.Settings(), round.Applications);

        Assert.Equal(2, calibration.PanelReviews);
        Assert.Equal(["P1"], calibration.Reviewers.Select(reviewer => reviewer.Reviewer));
        var ineligible = calibration.Applications.Single(application => application.Reference == "X");
        Assert.Equal((null, null, 0), (ineligible.RawScore, ineligible.CalibratedScore, ineligible.Reviews.Count));
    }

    [Fact]
    public void Encode_EveryScoreFrom0To100InHundredths_ThePublishedFormulaGivesItBack()
    {
        var possible = Scores.PossiblePoints(CalibratedScale.Criteria);
        for (var hundredths = 0; hundredths <= 10_000; hundredths++)
        {
            var score = hundredths / 100m;
            var encoded = CalibratedScale.Encode(score);
            Assert.Equal(score, Scores.ReviewScore(CalibratedScale.Criteria, encoded, possible));
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Of_Scenario_RawAllocationIsPublishedAndCalibratedOneUsesTheCalibratedScores(string scenario)
    {
        var read = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, scenario + ".round.json")));
        var file = read.File!;

        var calibration = Calibration.Of(file.Round, file.Applications);

        var published = file.Allocate();
        Assert.Equal(published.Applications.Select(application => (application.Decision, application.Amount)), calibration.WithRawScores.Applications.Select(application => (application.Decision, application.Amount)));
        Assert.Equal(calibration.Applications.Select(application => application.CalibratedScore), calibration.WithCalibratedScores.Applications.Select(application => application.BaseScore));
        Assert.Equal(calibration.Applications.Select(application => application.RawScore), published.Applications.Select(application => application.BaseScore));
        Assert.InRange(calibration.WithCalibratedScores.Allocated, 0m, file.Round.Budget);
        Assert.Equal(calibration.PanelReviews, calibration.Reviewers.Sum(reviewer => reviewer.Scored));
        Assert.All(calibration.Applications.SelectMany(application => application.Reviews), review => Assert.InRange(review.CalibratedScore, 0m, 100m));
    }

    public static TheoryData<string> Scenarios() => ScenarioTests.Scenarios();
}
