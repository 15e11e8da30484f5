using System.Xml.Linq;
using FairFund.Domain.Rounds;
using Microsoft.AspNetCore.Html;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A round's lifecycle drawn on the server as SVG from the machine's own transitions (<see cref="Round.Lifecycle"/>),
/// with the state the round is in now highlighted. The main path runs down one column, each move's trigger beside
/// its arrow; states off the main path (Cancelled) sit in a second column with arrows from every state that can
/// reach them. It is an image with a title and a description for screen readers, and <see cref="Steps"/> gives the
/// same as text; no script is needed to see it.
/// </summary>
public sealed class LifecycleDiagram
{
    private const int BoxWidth = 172;
    private const int BoxHeight = 36;
    private const int RowPitch = 64;
    private const int SideLeft = 226;
    private const int SideWidth = 124;

    /// <summary>How far apart arrows into one box end: more than an arrowhead is high (its marker's 8 by the line's width of 2).</summary>
    private const int ArrowSpacing = 20;
    private const int Width = SideLeft + SideWidth + 2;
    private const string Ink = "#0b0c0c";
    private const string Highlight = "#1d70b8";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly IReadOnlyList<RoundTransition> _transitions;
    private readonly RoundState _now;

    public LifecycleDiagram(IReadOnlyList<RoundTransition> transitions, RoundState now)
    {
        ArgumentOutOfRangeException.ThrowIfZero(transitions.Count);
        (_transitions, _now) = (transitions, now);
        _mainPath = FollowMainPath(transitions);
        SideStates = [.. transitions.SelectMany(t => new[] { t.From, t.To }).Distinct().Where(state => !_mainPath.Contains(state))];
    }

    private readonly List<RoundState> _mainPath;

    /// <summary>The states from the first onwards, each followed by the next that leads further on.</summary>
    public IReadOnlyList<RoundState> MainPath => _mainPath;

    /// <summary>States off the main path, such as Cancelled.</summary>
    public IReadOnlyList<RoundState> SideStates { get; }

    /// <summary>Every state in order, with whether the round is in it now and where it can go from there: the diagram as text.</summary>
    public IReadOnlyList<LifecycleStep> Steps =>
        [.. MainPath.Concat(SideStates).Select(state => new LifecycleStep(state, state == _now, [.. _transitions.Where(t => t.From == state)]))];

    /// <summary>What the picture shows, in one paragraph, for its description.</summary>
    public string Description
    {
        get
        {
            var sides = SideStates.Select(side =>
            {
                var into = _transitions.Where(t => t.To == side).ToList();
                return $"From {string.Join(" or ", into.Select(t => t.From))}, a round can move to {side} ({string.Join(", ", into.Select(t => t.Trigger).Distinct())}).";
            });
            return $"A round moves from {string.Join(", then ", MainPath)}. {string.Join(" ", sides)} This round is {_now} now.".Replace("  ", " ", StringComparison.Ordinal);
        }
    }

    /// <summary>The diagram as inline SVG markup.</summary>
    public IHtmlContent ToSvg()
    {
        var height = MainPath.Count * RowPitch - (RowPitch - BoxHeight) + 4;
        var svg = new XElement(Svg + "svg",
            new XAttribute("class", "app-lifecycle"),
            new XAttribute("viewBox", $"0 0 {Width} {height}"),
            new XAttribute("width", Width),
            new XAttribute("height", height),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "lifecycle-title lifecycle-description"),
            new XAttribute("font-size", 15),
            new XElement(Svg + "title", new XAttribute("id", "lifecycle-title"), "The round's lifecycle"),
            new XElement(Svg + "desc", new XAttribute("id", "lifecycle-description"), Description),
            new XElement(Svg + "defs", new XElement(Svg + "marker",
                new XAttribute("id", "lifecycle-arrow"), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", 9), new XAttribute("refY", 5),
                new XAttribute("markerWidth", 8), new XAttribute("markerHeight", 8), new XAttribute("orient", "auto-start-reverse"),
                new XElement(Svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", Ink)))));

        for (var row = 0; row < MainPath.Count; row++)
        {
            svg.Add(Box(MainPath[row], 2, Top(row), BoxWidth));
            if (row + 1 < MainPath.Count && _transitions.FirstOrDefault(t => t.From == MainPath[row] && t.To == MainPath[row + 1]) is { } move)
            {
                var x = 2 + BoxWidth / 2;
                svg.Add(Arrow(x, Top(row) + BoxHeight, x, Top(row + 1) - 1));
                svg.Add(Text(move.Trigger.ToString(), x + 10, Top(row) + BoxHeight + (RowPitch - BoxHeight) / 2 + 5, "start", Ink, bold: false));
            }
        }
        foreach (var side in SideStates)
        {
            var sources = _transitions.Where(t => t.To == side && MainPath.Contains(t.From)).OrderBy(t => _mainPath.IndexOf(t.From)).ToList();
            var rows = sources.Select(t => _mainPath.IndexOf(t.From)).DefaultIfEmpty(0).ToList();
            // Tall enough that each arrow ends at a point of its own, its head clear of the next one's, in the order of their sources.
            var sideHeight = Math.Max(BoxHeight, (sources.Count + 1) * ArrowSpacing);
            var top = (Top(rows.Min()) + Top(rows.Max()) + BoxHeight - sideHeight) / 2;
            svg.Add(Box(side, SideLeft, top, SideWidth, sideHeight));
            for (var i = 0; i < sources.Count; i++)
                svg.Add(Arrow(2 + BoxWidth, Top(_mainPath.IndexOf(sources[i].From)) + BoxHeight / 2, SideLeft - 1, top + (i + 1) * sideHeight / (sources.Count + 1)));
            svg.Add(Text(string.Join(", ", sources.Select(t => t.Trigger).Distinct()), SideLeft + SideWidth / 2, top - 8, "middle", Ink, bold: false));
        }
        return new HtmlString(svg.ToString(SaveOptions.DisableFormatting));
    }

    private static int Top(int row) => 2 + row * RowPitch;

    private XElement Box(RoundState state, int left, int top, int width, int height = BoxHeight)
    {
        var now = state == _now;
        return new XElement(Svg + "g",
            new XAttribute("data-state", state),
            new XElement(Svg + "rect",
                new XAttribute("x", left), new XAttribute("y", top), new XAttribute("width", width), new XAttribute("height", height),
                new XAttribute("rx", 6), new XAttribute("fill", now ? Highlight : "#ffffff"), new XAttribute("stroke", now ? Highlight : Ink),
                new XAttribute("stroke-width", now ? 4 : 2)),
            Text(now ? $"{state} (now)" : state.ToString(), left + width / 2, top + height / 2 + 5, "middle", now ? "#ffffff" : Ink, bold: now));
    }

    private static XElement Text(string words, int x, int y, string anchor, string fill, bool bold)
    {
        var text = new XElement(Svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("text-anchor", anchor), new XAttribute("fill", fill), words);
        if (bold) text.Add(new XAttribute("font-weight", "bold"));
        return text;
    }

    private static XElement Arrow(int x1, int y1, int x2, int y2) => new(Svg + "line",
        new XAttribute("x1", x1), new XAttribute("y1", y1), new XAttribute("x2", x2), new XAttribute("y2", y2),
        new XAttribute("stroke", Ink), new XAttribute("stroke-width", 2), new XAttribute("marker-end", "url(#lifecycle-arrow)"));

    /// <summary>From the first transition's state, each step goes to a state not yet on the path, preferring one that leads further.</summary>
    private static List<RoundState> FollowMainPath(IReadOnlyList<RoundTransition> transitions)
    {
        var path = new List<RoundState> { transitions[0].From };
        while (true)
        {
            var onward = transitions.Where(t => t.From == path[^1] && !path.Contains(t.To)).ToList();
            if (onward.Count == 0) return path;
            var next = onward.FirstOrDefault(t => transitions.Any(further => further.From == t.To)) ?? onward[0];
            path.Add(next.To);
        }
    }
}

/// <summary>One state of the lifecycle as text: whether the round is in it now, and the moves out of it.</summary>
public sealed record LifecycleStep(RoundState State, bool IsNow, IReadOnlyList<RoundTransition> Moves)
{
    public string MovesInWords => Moves.Count == 0
        ? "the end of the lifecycle"
        : "from here it can " + string.Join("; or ", Moves.Select(move => $"{Round.Verb(move.Trigger)}, becoming {move.To}"));
}
