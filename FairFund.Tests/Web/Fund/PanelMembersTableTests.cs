using System.Net;
using System.Text.RegularExpressions;
using FairFund.Tests.Web.Panel;

namespace FairFund.Tests.Web.Fund;

/// <summary>The panel page's table of members counts each member's applications by what became of them.</summary>
public sealed partial class PanelMembersTableTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string PanelPage = $"/fund/rounds/{PanelRounds.Round}/panel";

    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task MembersTable_AConflictDeclared_IsCountedAsAConflictNotAsAssigned()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 1);
        foreach (var application in seed.Applications) await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        using (var declared = await member.DeclareConflictAsync(seed.Applications[0])) Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        await member.SubmitAsync(seed.Applications[1], PanelPages.Scores(3, 3, 3, 3), "A clear plan");
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri(PanelPage, UriKind.Relative));

        Assert.Equal(["2", "1", "1"], CountsOf(page, seed.Members[0]));
    }

    [Fact]
    public async Task RecordConflict_NoApplicationYet_SaysSoInsteadOfAFormWithNothingToChoose()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri(PanelPage, UriKind.Relative));

        Assert.Contains("There is no application to record a conflict for yet.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=RecordConflict", page, StringComparison.Ordinal);
    }

    /// <summary>The Assigned, Conflicts declared and Submitted cells of a member's row.</summary>
    private static string[] CountsOf(string page, string member)
    {
        var start = page.IndexOf($"<th scope=\"row\" class=\"govuk-table__header\">{member}</th>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{member} is not in the members table");
        var row = page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
        return [.. NumericCells().Matches(row).Select(cell => cell.Groups[1].Value.Trim())];
    }

    [GeneratedRegex("<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex NumericCells();
}
