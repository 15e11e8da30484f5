using System.Globalization;
using System.Xml.Linq;
using FairFund.Domain.Rounds;
using FairFund.Web.Pages.Fund;

namespace FairFund.Tests.Web.Fund;

/// <summary>The round's lifecycle as the round page draws it: every arrow can be told apart where it ends.</summary>
public sealed class LifecycleDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ToSvg_ArrowsIntoCancelled_EndAtPointsFarEnoughApartForTheirHeadsNotToOverlap()
    {
        var svg = XElement.Parse(new LifecycleDiagram(Round.Lifecycle(), RoundState.Open).ToSvg().ToString()!);
        var box = svg.Elements(Svg + "g").Single(group => (string?)group.Attribute("data-state") == nameof(RoundState.Cancelled)).Element(Svg + "rect")!;
        var (left, top, bottom) = (Number(box, "x"), Number(box, "y"), Number(box, "y") + Number(box, "height"));
        // An arrowhead is the marker's height in stroke widths tall.
        var marker = svg.Descendants(Svg + "marker").Single();
        var headHeight = Number(marker, "markerHeight") * svg.Elements(Svg + "line").Select(line => Number(line, "stroke-width")).Max();

        var ends = svg.Elements(Svg + "line")
            .Where(line => Math.Abs(Number(line, "x2") - left) <= 1)
            .Select(line => Number(line, "y2"))
            .Order()
            .ToList();

        Assert.Equal(Round.Lifecycle().Count(move => move.To == RoundState.Cancelled), ends.Count);
        Assert.All(ends, y => Assert.InRange(y, top, bottom));
        Assert.All(ends.Zip(ends.Skip(1)), pair => Assert.True(pair.Second - pair.First >= headHeight,
            $"arrowheads at y {pair.First} and {pair.Second} overlap: they are {headHeight} high"));
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
