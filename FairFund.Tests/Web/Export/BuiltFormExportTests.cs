using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.OpenData;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Validation;
using FairFund.Tests.Web.Fund;
using FairFund.Tests.Web.Panel;
using FairFund.Tests.Web.Rounds;
using FairFund.Web.Cli;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Export;

/// <summary>
/// The demo round as if it had opened with a form of the funder's own, whose fixed questions sit in sections of
/// their own choosing (the title beside a long "Tell us about the work", the dates in "When"), with a section only
/// asks over £10,000 answer. Four groups answer it (each also saving an answer to that section, which counts only for
/// the larger asks) and send it; two members score them all; the round is decided. Made once for the tests that read it.
/// </summary>
public sealed class DecidedRoundWithBuiltForm : IAsyncLifetime
{
    public const int Applications = 4;
    public const string Summary = "summary";
    public const string BiggerPlan = "biggerPlan";

    public static ApplicationForm Form { get; } = new(
    [
        new FormSection("aboutYou", "About your group",
        [
            new Question("people", QuestionKind.WholeNumber, "How many people take part?") { Min = 1, Max = 500 },
            new Question("registered", QuestionKind.YesNo, "Are you a registered charity?"),
            new Question("where", QuestionKind.OneChoice, "Where do you work?") { Choices = ["Rural", "Urban", "Both"] },
            new Question("ages", QuestionKind.SeveralChoices, "Which ages?") { Choices = ["Children", "Adults", "Older people"] },
            new Question("founded", QuestionKind.Date, "When did your group start?"),
        ]),
        new FormSection("theWork", "The work",
        [
            new Question(Summary, QuestionKind.LongText, "Tell us about the work") { Limit = new TextLimit(2000, 300) },
            new Question(FixedQuestions.Title, QuestionKind.ShortText, "What is the work called?") { Limit = AnswerLimits.Title },
            new Question("otherFunding", QuestionKind.Money, "How much other funding do you have?") { Min = 0, Max = 50_000, Required = false },
            new Question("funders", QuestionKind.PartnerTable, "Who else funds you?") { MaxRows = 3, Required = false },
        ]),
        new FormSection("timing", "When",
        [
            new Question(FixedQuestions.StartDate, QuestionKind.Date, "When will the work start?"),
            new Question(FixedQuestions.EndDate, QuestionKind.Date, "When will it end?"),
        ]),
        new FormSection("money", "Money", [new Question(FixedQuestions.Budget, QuestionKind.BudgetTable, "What will the money pay for?") { MaxRows = 10 }]),
        new FormSection("bigger", "Larger asks", [new Question(BiggerPlan, QuestionKind.LongText, "How will you manage a larger grant?") { Limit = new TextLimit(2000, 250) }])
        {
            ShowWhen = new ShowWhen.AmountOver(10_000m),
        },
    ]);

    public static string Title(int number) => $"Cooking together {number}";

    public static string Description(int number) => $"Weekly cooking sessions for group {number}, with a meal after.";

    /// <summary>Every question answered, the budget adding up to <paramref name="amount"/>.</summary>
    public static IEnumerable<(string Key, Answer? Answer)> Answers(int number, decimal amount) =>
    [
        ("people", new Answer.Number(10 * number)),
        ("registered", new Answer.YesNo(number % 2 == 0)),
        ("where", new Answer.Choices(["Rural"])),
        ("ages", new Answer.Choices(["Children", "Older people"])),
        ("founded", new Answer.Day(new DateOnly(2010 + number, 4, 1))),
        (Summary, new Answer.Text(Description(number))),
        (FixedQuestions.Title, new Answer.Text(Title(number))),
        ("otherFunding", new Answer.Money(1234.50m + number)),
        ("funders", new Answer.PartnerRows([new Partner($"Trust {number}", "Pays for the room")])),
        (FixedQuestions.StartDate, new Answer.Day(new DateOnly(2027, 9, 1))),
        (FixedQuestions.EndDate, new Answer.Day(new DateOnly(2028, 8, 31))),
        (FixedQuestions.Budget, new Answer.BudgetRows([new BudgetLine("Room hire", 300m), new BudgetLine("Food", amount - 300m)])),
        (BiggerPlan, new Answer.Text($"Our treasurer checks every payment ({number}).")),
    ];

    public FairFundFactory Factory { get; } = new();
    public HttpClient Manager { get; private set; } = null!;
    public string RulesHash { get; private set; } = "";

    /// <summary>Each application by reference: its number in the seed and its amount requested.</summary>
    public IReadOnlyDictionary<string, (int Number, decimal Requested)> Sent { get; private set; } = new Dictionary<string, (int, decimal)>();

    public async Task InitializeAsync()
    {
        Assert.Empty(Form.Problems());
        RulesHash = (await PublishedForms.PublishAsync(Factory, Moderating.Round, Form)).Sha256;
        var seed = await PanelRounds.SeedAsync(Factory, Applications, members: 2, form: Form, answers: Answers);
        await PanelRounds.ReviewAllAsync(Factory, seed, (_, member) => member < 2 ? [4, 4, 4, 4] : null);
        Manager = await SignedInClient.As(Factory, SignedInClient.Manager);
        await Moderating.CloseScoringAsync(Manager);
        await Moderating.ApproveAsync(Manager);
        Sent = await Factory.WithScopeAsync(async services =>
        {
            var sent = await services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().ToListAsync();
            return (IReadOnlyDictionary<string, (int, decimal)>)sent.ToDictionary(
                application => application.Reference,
                application => (int.Parse(application.Reference[^4..], CultureInfo.InvariantCulture), application.AmountRequested));
        });
        // Both sides of the £10,000 line, so the larger asks' section is counted for some and not for others.
        Assert.Contains(Sent.Values, application => application.Requested > 10_000m);
        Assert.Contains(Sent.Values, application => application.Requested <= 10_000m);
    }

    public Task DisposeAsync()
    {
        Manager.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The workbook, the round file (the fund team's and the public one) and the 360Giving data of a round with a built form, read back.</summary>
public sealed class BuiltFormExportTests(DecidedRoundWithBuiltForm round) : IClassFixture<DecidedRoundWithBuiltForm>
{
    private const string RoundFilePath = $"/fund/rounds/{Moderating.Round}/round-file";

    private static readonly string[] FirstColumns = ["Reference", "Organisation", "Requested", "Decision after moderation"];

    private async Task<XLWorkbook> WorkbookAsync()
    {
        using var response = await round.Manager.GetAsync(new Uri($"/fund/rounds/{Moderating.Round}/workbook", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>The keys of the answers that count for an application of this amount, in the form's order.</summary>
    private static List<string> CountedKeys(decimal requested) =>
        [.. DecidedRoundWithBuiltForm.Form.Questions.Select(question => question.Key)
            .Where(key => key != DecidedRoundWithBuiltForm.BiggerPlan || requested > 10_000m)];

    [Fact]
    public async Task Workbook_BuiltForm_HasAnApplicationsSheetWithAColumnPerQuestionTypedAsAsked()
    {
        using var workbook = await WorkbookAsync();

        var table = workbook.Worksheet("Applications").Table("Applications");
        var form = DecidedRoundWithBuiltForm.Form;
        Assert.Equal([.. FirstColumns, .. form.Questions.Select(question => question.Text)], table.Fields.Select(field => field.Name));
        var rows = table.DataRange.Rows().ToList();
        Assert.Equal(round.Sent.Keys.Order(StringComparer.Ordinal), rows.Select(row => row.Field("Reference").GetString()).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var (number, requested) = round.Sent[row.Field("Reference").GetString()];
            Assert.Equal(requested, row.Field("Requested").GetValue<decimal>());
            Assert.Equal("Award", row.Field("Decision after moderation").GetString());

            var people = row.Field("How many people take part?");
            Assert.Equal((XLDataType.Number, 10 * number), (people.DataType, people.GetValue<int>()));
            Assert.Equal((XLDataType.Text, number % 2 == 0 ? "Yes" : "No"), (row.Field("Are you a registered charity?").DataType, row.Field("Are you a registered charity?").GetString()));
            Assert.Equal("Rural", row.Field("Where do you work?").GetString());
            Assert.Equal("Children\nOlder people", row.Field("Which ages?").GetString());
            var founded = row.Field("When did your group start?");
            Assert.Equal((XLDataType.DateTime, new DateTime(2010 + number, 4, 1)), (founded.DataType, founded.GetDateTime()));
            Assert.Equal(DecidedRoundWithBuiltForm.Description(number), row.Field("Tell us about the work").GetString());
            Assert.Equal(DecidedRoundWithBuiltForm.Title(number), row.Field("What is the work called?").GetString());
            var funding = row.Field("How much other funding do you have?");
            Assert.Equal((XLDataType.Number, 1234.50m + number), (funding.DataType, funding.GetValue<decimal>()));
            Assert.StartsWith("\"£\"#,##0.00", funding.Style.NumberFormat.Format, StringComparison.Ordinal);
            Assert.Equal($"Trust {number}: Pays for the room", row.Field("Who else funds you?").GetString());
            Assert.Equal(XLDataType.DateTime, row.Field("When will the work start?").DataType);
            Assert.Equal(new DateTime(2028, 8, 31), row.Field("When will it end?").GetDateTime());
            Assert.Equal($"Room hire: £300.00\nFood: {QuestionInWords.Pounds(requested - 300m)}", row.Field("What will the money pay for?").GetString());
            // Saved by every group, but counted only where the section was shown: over £10,000.
            var plan = row.Field("How will you manage a larger grant?");
            Assert.Equal(requested > 10_000m ? $"Our treasurer checks every payment ({number})." : "", plan.GetString());
        }
    }

    [Fact]
    public async Task RoundFile_BuiltForm_CarriesThePublishedFormAndTheAnswersThatCount_AndReadsBackTheSame()
    {
        var text = await round.Manager.GetStringAsync(new Uri(RoundFilePath, UriKind.Relative));

        // The form exactly as the published rules hold it, so its text can be checked against them.
        Assert.Contains(FormJson.Write(DecidedRoundWithBuiltForm.Form), text, StringComparison.Ordinal);
        var stored = await round.Factory.WithScopeAsync(services =>
            services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().ToDictionaryAsync(application => application.Reference, application => application.Answers));
        var applications = JsonNode.Parse(text)!["applications"]!.AsArray();
        Assert.Equal(DecidedRoundWithBuiltForm.Applications, applications.Count);
        foreach (var application in applications)
        {
            var reference = application!["reference"]!.GetValue<string>();
            var answers = application["answers"]!.AsObject();
            Assert.Equal(CountedKeys(round.Sent[reference].Requested), answers.Select(pair => pair.Key));
            foreach (var (key, answer) in answers) Assert.Equal(AnswerJson.Write(stored[reference][key]!), answer!.ToJsonString());
        }

        var read = RoundFileReader.Read(text);
        Assert.Empty(read.Problems);
        // Read back to the same form and answers: written again, not a character differs.
        Assert.Equal(text, RoundFileWriter.Write(read.File!));
    }

    [Fact]
    public async Task Allocate_OnTheRoundFile_WritesTheSameApplicationsSheetAndThePublishedRulesHash()
    {
        var folder = Directory.CreateTempSubdirectory("fairfund-built-form-");
        try
        {
            var file = Path.Combine(folder.FullName, "round.json");
            await File.WriteAllBytesAsync(file, await round.Manager.GetByteArrayAsync(new Uri(RoundFilePath, UriKind.Relative)));
            var xlsx = Path.Combine(folder.FullName, "result.xlsx");

            var exit = AllocateCommand.Run(["allocate", file, "--json", Path.Combine(folder.FullName, "result.json"), "--xlsx", xlsx], TextWriter.Null, TextWriter.Null);

            Assert.Equal(AllocateCommand.Ok, exit);
            using var fromFile = new XLWorkbook(xlsx);
            using var fromWeb = await WorkbookAsync();
            Assert.Equal(Cells(fromWeb), Cells(fromFile));
            var summary = fromFile.Worksheet("Summary").Table("Round").DataRange.Rows().ToDictionary(row => row.Field("Item").GetString(), row => row.Field("Value").GetString());
            Assert.Equal(round.RulesHash, summary["Rules hash (SHA-256)"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        static List<string> Cells(XLWorkbook workbook) =>
            [.. workbook.Worksheet("Applications").Table("Applications").DataRange.Rows()
                .OrderBy(row => row.Field("Reference").GetString(), StringComparer.Ordinal)
                .SelectMany(row => row.Cells().Select(cell => $"{cell.DataType}:{cell.GetString()}"))];
    }

    [Fact]
    public async Task PublicRoundFile_BuiltForm_CarriesTheFormButNoGroupsAnswers()
    {
        var text = await round.Manager.GetStringAsync(new Uri($"/rounds/{Moderating.Round}/results/round-file", UriKind.Relative));

        Assert.Contains(FormJson.Write(DecidedRoundWithBuiltForm.Form), text, StringComparison.Ordinal);
        Assert.All(JsonNode.Parse(text)!["applications"]!.AsArray(), application => Assert.Empty(application!["answers"]!.AsObject()));
        Assert.All(round.Sent.Keys, reference => Assert.DoesNotContain(DecidedRoundWithBuiltForm.Description(round.Sent[reference].Number), text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreeSixtyGiving_BuiltFormWithFixedQuestionsInItsOwnSections_TakesTitleDescriptionAndDatesFromTheAnswers()
    {
        using var response = await round.Manager.GetAsync(new Uri($"/fund/rounds/{Moderating.Round}/open-data?handler=Xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());

        var grants = workbook.Worksheet("grants");
        int Column(string title) => ThreeSixtyGiving.Columns.ToList().IndexOf(title) + 1;
        var rows = grants.RowsUsed().Skip(1).ToList();
        Assert.Equal(DecidedRoundWithBuiltForm.Applications, rows.Count);
        foreach (var row in rows)
        {
            var identifier = row.Cell(Column("Identifier")).GetString();
            var (number, _) = round.Sent.Single(sent => identifier.EndsWith(sent.Key, StringComparison.Ordinal)).Value;
            Assert.Equal(DecidedRoundWithBuiltForm.Title(number), row.Cell(Column("Title")).GetString());
            Assert.Equal(DecidedRoundWithBuiltForm.Description(number), row.Cell(Column("Description")).GetString());
            Assert.Equal(new DateTime(2027, 9, 1), row.Cell(Column("Planned Dates:Start Date")).GetDateTime());
            Assert.Equal(new DateTime(2028, 8, 31), row.Cell(Column("Planned Dates:End Date")).GetDateTime());
            Assert.Equal(12, row.Cell(Column("Planned Dates:Duration (months)")).GetValue<int>());
        }
    }
}
