using System.Globalization;
using System.Text.Json.Nodes;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Domain.Allocation;
using FairFund.Tests.Domain.Forms;

namespace FairFund.Tests.Domain.RoundFiles;

/// <summary>
/// A round file may carry the round's form, as published, and each application's answers by question key: they
/// are read, checked against the form and written back exactly, and change nothing in the allocation. A file
/// without them (the scenarios) reads and writes as before.
/// </summary>
public sealed class RoundFileFormTests
{
    private const string Scenario = "small-round";

    /// <summary>The default form with a section of number, money, yes/no and several-choice questions.</summary>
    private static readonly ApplicationForm Form = FormsForTests.DefaultWith(
        new Question("people", QuestionKind.WholeNumber, "How many people take part?") { Min = 1, Max = 500 },
        new Question("otherFunding", QuestionKind.Money, "Other funding") { Min = 0, Max = 5000, Required = false },
        new Question("registered", QuestionKind.YesNo, "Are you a registered charity?"),
        new Question("ages", QuestionKind.SeveralChoices, "Which ages?") { Choices = ["Children", "Adults", "Older people"] });

    private static string ScenarioText => File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, Scenario + ".round.json"));

    /// <summary>Every question of <see cref="Form"/> answered, the budget adding up to <paramref name="requested"/>, as the file writes answers.</summary>
    private static JsonObject AnswersFor(decimal requested)
    {
        (string Key, Answer Answer)[] answers =
        [
            (DefaultForm.Title, new Answer.Text("Lantern walks by the canal")),
            (DefaultForm.WhatYouWillDo, new Answer.Text("Weekly walks, with “tea” after.\nIn the park.")),
            (DefaultForm.StartDate, new Answer.Day(new DateOnly(2027, 6, 1))),
            (DefaultForm.EndDate, new Answer.Day(new DateOnly(2028, 5, 31))),
            (DefaultForm.WhoBenefits, new Answer.Text("Adults who feel isolated.")),
            (DefaultForm.Outcomes, new Answer.Text("People feel less alone.")),
            (DefaultForm.LivedExperience, new Answer.Text("Our walk leaders plan the routes.")),
            (DefaultForm.Budget, new Answer.BudgetRows([new BudgetLine("Room hire", 300.25m), new BudgetLine("Leaders' travel", requested - 300.25m)])),
            (DefaultForm.WorkingWithPartners, new Answer.YesNo(true)),
            (DefaultForm.Partners, new Answer.PartnerRows([new Partner("Foleshill Library", "Lends the room")])),
            ("people", new Answer.Number(42)),
            ("otherFunding", new Answer.Money(1234.50m)),
            ("registered", new Answer.YesNo(false)),
            ("ages", new Answer.Choices(["Children", "Older people"])),
        ];
        var json = new JsonObject();
        foreach (var (key, answer) in answers) json[key] = JsonNode.Parse(AnswerJson.Write(answer));
        return json;
    }

    /// <summary>The scenario with <see cref="Form"/> and its first two applications' answers.</summary>
    private static JsonNode WithFormAndAnswers()
    {
        var file = JsonNode.Parse(ScenarioText)!;
        file["form"] = JsonNode.Parse(FormJson.Write(Form));
        foreach (var index in new[] { 0, 1 })
        {
            var application = file["applications"]![index]!;
            application["answers"] = AnswersFor(application["requested"]!.GetValue<decimal>());
        }
        return file;
    }

    [Fact]
    public void WriteThenRead_FileWithFormAndAnswers_KeepsTheFormAndEveryAnswer_AndAllocatesAsWithoutThem()
    {
        var given = WithFormAndAnswers();
        var read = RoundFileReader.Read(given.ToJsonString());
        Assert.Empty(read.Problems);

        var written = RoundFileWriter.Write(read.File!);

        // The form exactly as the published rules hold it; every answer as given, by its key.
        Assert.Contains("\"form\": " + FormJson.Write(Form), written, StringComparison.Ordinal);
        var applications = JsonNode.Parse(written)!["applications"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(given["applications"]![0]!["answers"], applications[0]!["answers"]));
        Assert.True(JsonNode.DeepEquals(given["applications"]![1]!["answers"], applications[1]!["answers"]));
        Assert.Equal(Form.Questions.Where(question => question.Kind != QuestionKind.Documents).Select(question => question.Key),
            applications[0]!["answers"]!.AsObject().Select(pair => pair.Key));
        Assert.Empty(applications[2]!["answers"]!.AsObject());
        var reread = RoundFileReader.Read(written);
        Assert.Empty(reread.Problems);
        Assert.Equal(written, RoundFileWriter.Write(reread.File!));
        var withoutForm = RoundFileReader.Read(ScenarioText).File!;
        Assert.Equal(ResultJson.Write(withoutForm.Allocate()), ResultJson.Write(reread.File!.Allocate()));
        // A file without a form is written as before: no form, no answers.
        var scenario = RoundFileWriter.Write(withoutForm);
        Assert.DoesNotContain("\"form\"", scenario, StringComparison.Ordinal);
        Assert.DoesNotContain("\"answers\"", scenario, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenAnswers() => new()
    {
        { "no form", "applications[0].answers: answers need the round's form" },
        { "not on the form", "applications[0].answers.colour: \"colour\" is not a question on the round's form" },
        { "wrong kind", "applications[0].answers.people: \"How many people take part\" takes a whole number, {\"number\": 12}" },
        { "not an answer", "applications[1].answers.title: is not an answer: write it as {\"text\": \"…\"}" },
        { "budget not the amount", "applications[0].requested: " },
        { "bad form", "form.sections[0].questions[0].kind: \"colour\" is not one of" },
    };

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public void Read_BrokenFormOrAnswers_IsRefusedWithTheProblemWhereItIs(string broken, string expected)
    {
        var file = WithFormAndAnswers();
        var first = file["applications"]![0]!;
        switch (broken)
        {
            case "no form": file.AsObject().Remove("form"); break;
            case "not on the form": first["answers"]!["colour"] = JsonNode.Parse("{\"text\":\"red\"}"); break;
            case "wrong kind": first["answers"]!["people"] = JsonNode.Parse("{\"text\":\"forty\"}"); break;
            case "not an answer": file["applications"]![1]!["answers"]!["title"] = JsonNode.Parse("{\"colour\":\"red\"}"); break;
            case "budget not the amount": first["requested"] = first["requested"]!.GetValue<decimal>() + 1m; break;
            case "bad form": file["form"]!["sections"]![0]!["questions"]![0]!["kind"] = "colour"; break;
        }

        var read = RoundFileReader.Read(file.ToJsonString());

        Assert.Null(read.File);
        Assert.Contains(read.Problems, problem => problem.ToString().StartsWith(expected, StringComparison.Ordinal));
        if (broken == "budget not the amount")
        {
            var requested = first["requested"]!.GetValue<decimal>();
            Assert.Contains(read.Problems, problem => problem.ToString().StartsWith(string.Create(CultureInfo.InvariantCulture,
                $"applications[0].requested: {requested} is not the total of the budget in the answers ({300.25m + (requested - 1m - 300.25m)})"), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PublicRoundFile_FileWithFormAndAnswers_KeepsTheFormAndWithholdsEveryAnswer()
    {
        var full = RoundFileReader.Read(WithFormAndAnswers().ToJsonString()).File!;

        var published = RoundFileWriter.Write(PublicRoundFile.Of(full, [.. full.Applications.Select(application => application.Reference)]));

        Assert.Contains("\"form\": " + FormJson.Write(Form), published, StringComparison.Ordinal);
        Assert.All(JsonNode.Parse(published)!["applications"]!.AsArray(), application => Assert.Empty(application!["answers"]!.AsObject()));
        Assert.DoesNotContain("Lantern walks by the canal", published, StringComparison.Ordinal);
        Assert.Empty(RoundFileReader.Read(published).Problems);
    }
}
