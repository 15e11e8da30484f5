using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Applications.ApplicationInState;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// Every answer has a character limit as well as its word limit: an answer over it is refused with a
/// located problem, and what was saved before is kept; amounts are capped so no budget's total can overflow.
/// </summary>
public sealed class AnswerCharacterLimitTests
{
    private static Application Answered()
    {
        var application = new Application(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CW-2027-0003");
        Assert.Empty(application.AnswerProject(new ProjectAnswers("Walks", "We walk.", null, null)));
        Assert.Empty(application.AnswerWhoBenefits("People in Foleshill."));
        Assert.Empty(application.AnswerOutcomes("Fewer lonely days."));
        Assert.Empty(application.AnswerLivedExperience("We all have it."));
        Assert.Empty(application.AnswerBudget([new BudgetLine("Room hire", 400m)]));
        Assert.Empty(application.AnswerPartners(true, [new Partner("Foleshill Library", "Lends us a room.")]));
        return application;
    }

    private static string Long(int characters) => new('x', characters);

    private static string[] Answers(Application application) =>
    [
        application.Title, application.WhatYouWillDo, application.WhoBenefits, application.Outcomes, application.LivedExperience,
        .. application.Budget.Select(line => $"{line.Item}: {line.Cost}"), .. application.Partners.Select(partner => $"{partner.Name}: {partner.Role}"),
    ];

    public static TheoryData<string, Func<Application, IReadOnlyList<Problem>>, string, string> OverLimit => new()
    {
        { "title", a => a.AnswerProject(new ProjectAnswers(Long(141), "We walk.", null, null)), "Project title must be 140 characters or fewer (it has 141)", "Walks" },
        { "whatYouWillDo", a => a.AnswerProject(new ProjectAnswers("Walks", Long(1_000_000), null, null)), "What you will do must be 3,000 characters or fewer (it has 1,000,000)", "We walk." },
        { "whoBenefits", a => a.AnswerWhoBenefits(Long(2_001)), "Who will benefit must be 2,000 characters or fewer (it has 2,001)", "People in Foleshill." },
        { "outcomes", a => a.AnswerOutcomes(Long(2_501)), "Outcomes must be 2,500 characters or fewer (it has 2,501)", "Fewer lonely days." },
        { "livedExperience", a => a.AnswerLivedExperience(Long(2_001)), "How people with lived experience shape the work must be 2,000 characters or fewer (it has 2,001)", "We all have it." },
        { "budget[1].item", a => a.AnswerBudget([new BudgetLine("Room", 1m), new BudgetLine(Long(201), 2m)]), "What line 2 of the budget is for must be 200 characters or fewer (it has 201)", "Room hire: 400" },
        { "partners[0].name", a => a.AnswerPartners(true, [new Partner(Long(201), "Lends.")]), "The name of partner 1 must be 200 characters or fewer (it has 201)", "Foleshill Library: Lends us a room." },
        { "partners[0].role", a => a.AnswerPartners(true, [new Partner("Library", Long(501))]), "What partner 1 will do must be 500 characters or fewer (it has 501)", "Foleshill Library: Lends us a room." },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public void Answer_OverItsCharacterLimit_IsRefusedAtTheFieldAndKeepsWhatWasSaved(string location, Func<Application, IReadOnlyList<Problem>> answer, string message, string kept)
    {
        var application = Answered();

        var refused = answer(application);

        Assert.Equal([new Problem(location, message)], refused);
        Assert.Equal(Answers(Answered()), Answers(application));
        Assert.Contains(kept, Answers(application));
    }

    [Fact]
    public void AnswerProject_WithControlAndDirectionCharacters_KeepsTheAnswerCleaned()
    {
        var application = Answered();

        Assert.Empty(application.AnswerProject(new ProjectAnswers("Walks \u202Eexe.doc\u202C in\nFoleshill", "We\0 walk\u200B.", null, null)));

        Assert.Equal(("Walks exe.doc in Foleshill", "We walk."), (application.Title, application.WhatYouWillDo));
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000000.01")]
    [InlineData("-1000000000.01")]
    public void AnswerBudget_ACostBeyondAnyAmount_IsRefusedAtTheLineAndKeepsTheBudget(string cost)
    {
        var application = Answered();

        var refused = application.AnswerBudget([new BudgetLine("Hall", decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)), new BudgetLine("Tea", 5m)]);

        Assert.Equal([new Problem("budget[0].cost", "The cost of line 1 of the budget must be £1,000,000,000 or less")], refused);
        Assert.Equal([new BudgetLine("Room hire", 400m)], application.Budget);
    }

    [Fact]
    public void AnswerBudget_EveryLineAtTheLargestAmount_AddsUpWithoutOverflow()
    {
        var application = Answered();

        Assert.Empty(application.AnswerBudget(Enumerable.Range(1, AnswerLimits.BudgetLines).Select(line => new BudgetLine($"Line {line}", MoneyLimits.Largest))));

        Assert.Equal(MoneyLimits.Largest * AnswerLimits.BudgetLines, application.AmountRequested);
    }

    [Fact]
    public void Check_ALineOverTheLargestGrant_IsSaidAtThatLineAndAtTheTotal()
    {
        var application = Answered();
        Assert.Empty(application.AnswerBudget([new BudgetLine("Hall", 5_000.01m), new BudgetLine("Tea", 5m)]));

        var problems = application.Check(ApplicationTask.Budget, ApplicationInState.Grants);

        Assert.Equal(
            [
                new Problem("budget[0].cost", "The cost of line 1 of the budget must be no more than £5,000, the largest grant this round gives"),
                new Problem("budget", "The total, £5,005.01, must be between £500 and £5,000, the grants this round gives"),
            ],
            problems);
    }

    [Theory]
    [InlineData(new[] { "79228162514264337593543950335", "79228162514264337593543950335" }, "79228162514264337593543950335")]
    [InlineData(new[] { "-79228162514264337593543950335", "-1" }, "-79228162514264337593543950335")]
    [InlineData(new[] { "1.5", "2.25" }, "3.75")]
    public void SafeSum_AmountsThatWouldOverflow_SaturateInsteadOfThrowing(string[] amounts, string total) =>
        Assert.Equal(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture),
            MoneyLimits.SafeSum(amounts.Select(amount => decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("", "Enter why the application is not eligible")]
    [InlineData("  \0 ", "Enter why the application is not eligible")]
    [InlineData("LONG", "The reason must be 2,000 characters or fewer (it has 2,001)")]
    [InlineData("Outside the area.", null)]
    public void CheckIneligibleReason_EmptyOrTooLong_IsLocatedAtTheReason(string reason, string? message)
    {
        if (reason == "LONG") reason = Long(2_001);

        Assert.Equal(message is null ? null : new Problem("reason", message), Application.CheckIneligibleReason(reason));
    }
}

/// <summary>The group's reason for withdrawing has a character limit, checked in the domain.</summary>
public sealed class WithdrawalReasonLimitTests
{
    [Theory]
    [InlineData(1_000, null)]
    [InlineData(1_001, "Your reason must be 1,000 characters or fewer (it has 1,001)")]
    public void CheckWithdrawalReason_OverItsLimit_IsLocatedAtTheReason(int characters, string? message) =>
        Assert.Equal(message is null ? null : new Problem("reason", message), Application.CheckWithdrawalReason(new string('x', characters)));

    [Fact]
    public void Withdraw_WithAReasonOverItsLimit_IsRefusedAndTheApplicationStaysADraft()
    {
        var application = new Application(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CW-2027-0004");

        Assert.Throws<FairFund.Domain.Auditing.DomainRuleException>(() => application.Withdraw(DateTimeOffset.UnixEpoch, "someone@example.org", new string('x', 1_001)));

        Assert.Equal(ApplicationState.Draft, application.State);
    }
}
