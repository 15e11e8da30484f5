namespace FairFund.Domain.Validation;

/// <summary>
/// One thing wrong with a round's settings or a round file, named by where it is
/// (<c>applications[3].reviews[1].scores.need</c>) so that a person can find and fix it.
/// </summary>
public sealed record Problem(string Location, string Message)
{
    public override string ToString() => Location.Length == 0 ? Message : $"{Location}: {Message}";
}

/// <summary>Builds the dotted, indexed locations that problems are reported at.</summary>
public static class Location
{
    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
