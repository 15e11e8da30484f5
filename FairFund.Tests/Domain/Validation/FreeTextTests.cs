using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Validation;

/// <summary>
/// The one cleaning and checking of free text: control and invisible direction characters never reach
/// what is stored or published, and a text over its character limit is a located problem even when it has few words.
/// </summary>
public sealed class FreeTextTests
{
    [Theory]
    [InlineData("Foleshill Walkers", "Foleshill Walkers")]
    [InlineData("  Foleshill\r\nWalkers \t", "Foleshill\nWalkers")]
    [InlineData("Keep\ttabs\nand lines", "Keep\ttabs\nand lines")]
    [InlineData("NUL\0here", "NULhere")]
    [InlineData("bell\u0007 and escape\u001b[31m", "bell and escape[31m")]
    [InlineData("Walkers \u202Egnp.exe", "Walkers gnp.exe")]
    [InlineData("zero\u200Bwidth\u200Cjoin\u200D\uFEFF", "zerowidthjoin")]
    [InlineData("isolates \u2066x\u2069 and marks \u200E\u200F", "isolates x and marks")]
    [InlineData("half an emoji \uD83D", "half an emoji")]
    [InlineData("whole emoji 🎉 and accents café", "whole emoji 🎉 and accents café")]
    [InlineData(null, "")]
    public void Clean_Text_DropsControlAndInvisibleCharactersButKeepsLinesAndTabs(string? typed, string kept) =>
        Assert.Equal(kept, FreeText.Clean(typed));

    [Theory]
    [InlineData("Foleshill\r\n  Walkers\tGroup", "Foleshill Walkers Group")]
    [InlineData("\u202EpuorG\u202C Walkers", "puorG Walkers")]
    [InlineData("  ", "")]
    public void CleanLine_Name_IsOneLineWithSingleSpaces(string typed, string kept) => Assert.Equal(kept, FreeText.CleanLine(typed));

    [Theory]
    [InlineData(10, null, "0123456789", null)]
    [InlineData(10, null, "01234567890", "Title must be 10 characters or fewer (it has 11)")]
    [InlineData(3000, 300, "one two three", null)]
    [InlineData(3000, 300, "ONE_MEGABYTE_WORD", "Title must be 3,000 characters or fewer (it has 1,000,000)")]
    [InlineData(3000, 2, "one two three", "Title must be 2 words or fewer (it has 3)")]
    [InlineData(5, 1, "one two three", "Title must be 5 characters or fewer (it has 13)")]
    public void Check_AgainstALimit_SaysTheFieldTheLimitAndHowMuchWasTyped(int characters, int? words, string text, string? message)
    {
        if (text == "ONE_MEGABYTE_WORD") text = new string('a', 1_000_000);

        var problem = FreeText.Check("title", "Title", text, new TextLimit(characters, words));

        Assert.Equal(message is null ? null : new Problem("title", message), problem);
    }
}
