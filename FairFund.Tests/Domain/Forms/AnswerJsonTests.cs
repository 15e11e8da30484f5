using FairFund.Domain.Applications;
using FairFund.Domain.Forms;

namespace FairFund.Tests.Domain.Forms;

/// <summary>Answers stored one by one as JSON read back as they were; a damaged one reads as unanswered.</summary>
public sealed class AnswerJsonTests
{
    public static TheoryData<string> Kinds => ["text", "number", "money", "date", "yes/no", "choices", "budget", "partners"];

    private static Answer Of(string kind) => kind switch
    {
        "text" => new Answer.Text("Peer walks, “every” week\n"),
        "number" => new Answer.Number(-12),
        "money" => new Answer.Money(150.50m),
        "date" => new Answer.Day(new(2027, 6, 1)),
        "yes/no" => new Answer.YesNo(false),
        "choices" => new Answer.Choices(["Monday", "Friday"]),
        "budget" => new Answer.BudgetRows([new BudgetLine("Hall", 450.5m), new BudgetLine("Tea", 0.01m)]),
        _ => new Answer.PartnerRows([new Partner("School", "Lends the hall")]),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Read_WhatWriteWrote_GivesTheSameAnswer(string kind)
    {
        var answer = Of(kind);

        var read = AnswerJson.Read(AnswerJson.Write(answer));

        Assert.Equal(AnswerJson.Write(answer), AnswerJson.Write(read!));
        Assert.Equal(answer.GetType(), read!.GetType());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"number\":1.5}")]
    [InlineData("{\"date\":\"2027-02-30\"}")]
    [InlineData("{\"choices\":[null]}")]
    [InlineData("{\"budget\":[{\"item\":\"Hall\"}]}")]
    [InlineData("{\"partners\":[{\"name\":1,\"role\":\"x\"}]}")]
    [InlineData("{\"colour\":\"red\"}")]
    public void Read_Damaged_IsNullNeverAnException(string? json)
    {
        Assert.Null(AnswerJson.Read(json));
    }
}
