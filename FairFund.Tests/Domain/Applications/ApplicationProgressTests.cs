using FairFund.Domain.Applications;
using FairFund.Domain.Forms;

namespace FairFund.Tests.Domain.Applications;

/// <summary>How far along a draft is: its round form's shown sections that are completed, of all those shown.</summary>
public sealed class ApplicationProgressTests
{
    private static readonly GrantRange Grants = new(1_000m, 25_000m);

    [Fact]
    public void Progress_NothingAnswered_NoSectionIsCompleted()
    {
        var application = new Application(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "R-0001");

        var progress = application.Progress(ApplicationForm.Default, Grants);

        Assert.Equal(ApplicationForm.Default.ShownSections(application.Answers).Count, progress.Of);
        Assert.Equal(0, progress.Completed);
    }

    [Fact]
    public void Progress_EachSectionAnswered_CountsItAsCompletedOnce()
    {
        var application = new Application(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "R-0001");
        application.AnswerWhoBenefits("Adults in Foleshill who feel isolated.");
        var afterOne = application.Progress(ApplicationForm.Default, Grants);
        application.AnswerOutcomes("People feel less alone; we ask them before and after.");
        var afterTwo = application.Progress(ApplicationForm.Default, Grants);

        Assert.Equal((1, 2), (afterOne.Completed, afterTwo.Completed));
        Assert.Equal("2 of " + afterTwo.Of + " sections completed", afterTwo.ToString());
    }
}
