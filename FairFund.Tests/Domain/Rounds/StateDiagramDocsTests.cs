using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// docs/state-diagrams.md holds the lifecycles as Mermaid diagrams drawn from the machines themselves
/// (STYLE.md, Tests). This test fails when the committed copy no longer matches the machines; with
/// UPDATE_DOCS=1 it rewrites the file instead.
/// </summary>
public sealed class StateDiagramDocsTests
{
    private const string DocsPath = "docs/state-diagrams.md";
    private const string RefreshCommand = "UPDATE_DOCS=1 dotnet test FairFund.Tests --filter StateDiagramDocs_MatchTheMachines";

    [Fact]
    public void StateDiagramDocs_MatchTheMachines()
    {
        var path = Path.Combine(RepositoryRoot(), DocsPath);
        var expected = Expected();

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        Assert.True(committed == expected,
            $"{DocsPath} {(committed is null ? "is missing" : $"differs from the state machines ({FirstDifference(committed, expected)})")}. " +
            $"To refresh it, run `{RefreshCommand}` (environment variable UPDATE_DOCS=1), which rewrites the file, then commit it.");
    }

    /// <summary>The whole file as the machines draw it today.</summary>
    private static string Expected() =>
        $"""
        # State diagrams

        These diagrams are drawn from FairFund's state machines, so they show exactly the changes the
        software allows: each arrow is named by the action that makes it, and a condition in square
        brackets must hold for that action to be allowed. Do not edit them by hand: the test
        `StateDiagramDocs_MatchTheMachines` fails when this page and the machines differ, and
        `{RefreshCommand}` rewrites it.

        ## Round

        A round is set up as a draft, takes applications while it is open, then has them screened for
        eligibility, scored by the panel and moderated before the fund manager approves the decisions,
        the groups are told and the round is archived; a round can be cancelled, with a reason, until
        it closes.

        ```mermaid
        {Diagram(Round.StateDiagram())}
        ```

        ## Application

        A group's application is a draft until it is submitted before the round's closing time; staff
        then mark it eligible or ineligible, the panel scores the eligible ones, and it is awarded,
        waitlisted (and awarded later if money comes back) or declined, unless the group withdraws it
        before a decision.

        ```mermaid
        {Diagram(Application.StateDiagram())}
        ```

        ## Panel review

        A panel member's review of one application waits until they declare a conflict of interest or
        none. With none declared they can read the application and save drafts, then submit; while
        scoring is open they can revise, and every submitted version is kept. A conflict, declared by
        the member or recorded by the fund manager, ends the review and nothing it scored is counted.

        ```mermaid
        {Diagram(PanelReview.StateDiagram())}
        ```

        ## Grant

        When the decisions are sent, each award is offered to its group as a grant. The group accepts it,
        through a named person who may sign for the group, giving its outcomes and bank details, or
        declines it. The fund checks the acceptance and starts the grant, which is then paid and reported
        on until the fund closes it once the final report is accepted. The fund can withdraw a grant, with
        a reason, at any point before it closes.

        ```mermaid
        {Diagram(Grant.StateDiagram())}
        ```

        ## Grant report

        A report a grant owes is saved as a draft as often as the group likes, then sent. The fund manager
        accepts it, which may release a payment, or sends it back asking for more, with a reason; the group
        then sends it again. Every version sent is kept.

        ```mermaid
        {Diagram(GrantReport.StateDiagram())}
        ```

        """.ReplaceLineEndings("\n");

    /// <summary>The machine's Mermaid text as generated, with its line endings made "\n" and no trailing blank line.</summary>
    private static string Diagram(string mermaid) => mermaid.ReplaceLineEndings("\n").TrimEnd('\n');

    private static string FirstDifference(string committed, string expected)
    {
        var have = committed.Split('\n');
        var want = expected.Split('\n');
        for (var i = 0; i < Math.Max(have.Length, want.Length); i++)
        {
            var a = i < have.Length ? have[i] : "(end of file)";
            var b = i < want.Length ? want[i] : "(end of file)";
            if (a != b) return $"line {i + 1} is \"{a}\" but the machines give \"{b}\"";
        }
        return "no line differs";
    }

    /// <summary>The folder holding FairFund.sln, found by walking up from where the tests run.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FairFund.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds FairFund.sln.");
    }
}
