using System.Text.RegularExpressions;

namespace FairFund.Tests.Web;

/// <summary>
/// Pages link to each other by name (asp-page, Url.Page, RedirectToPage). A name that no longer matches a page
/// renders an empty href or throws at run time, so every name in the pages' code is checked against the pages there are.
/// </summary>
public sealed partial class PageNamesTests
{
    [Fact]
    public void PageNames_InEveryPageAndModel_NameAPageOrFolderThatExists()
    {
        var pagesFolder = Path.Combine(RepositoryRoot(), "FairFund.Web", "Pages");
        var pages = Directory.EnumerateFiles(pagesFolder, "*.cshtml", SearchOption.AllDirectories)
            .Where(file => File.ReadLines(file).FirstOrDefault()?.StartsWith("@page", StringComparison.Ordinal) == true)
            .Select(file => NameOf(pagesFolder, file))
            .ToHashSet(StringComparer.Ordinal);
        var folders = Directory.EnumerateDirectories(pagesFolder, "*", SearchOption.AllDirectories)
            .Select(folder => NameOf(pagesFolder, folder))
            .ToHashSet(StringComparer.Ordinal);

        var used = Directory.EnumerateFiles(pagesFolder, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cshtml", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(file => PageName().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Name: match.Groups["name"].Value)))
            .ToList();
        var unknown = used.Where(use => !pages.Contains(use.Name) && !folders.Contains(use.Name)).Select(use => $"{use.File}: {use.Name}");

        Assert.Contains(used, use => use.Name == "/Apply/TaskList");
        Assert.Empty(unknown);
    }

    /// <summary>"/Apply/TaskList" for Pages/Apply/TaskList.cshtml; "/Fund" for the folder Pages/Fund.</summary>
    private static string NameOf(string pagesFolder, string path) =>
        "/" + Path.ChangeExtension(Path.GetRelativePath(pagesFolder, path), null).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>A quoted page name: a slash and a capital, as "/Apply/TaskList"; addresses ("/apply/...") are lower case.</summary>
    [GeneratedRegex("\"(?<name>/[A-Z][A-Za-z]*(?:/[A-Z][A-Za-z]*)*)\"")]
    private static partial Regex PageName();

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
