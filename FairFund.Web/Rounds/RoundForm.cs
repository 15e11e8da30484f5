using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;

namespace FairFund.Web.Rounds;

/// <summary>
/// The form a round asks: once it has opened, the one published in its rules (what groups were shown, covered by
/// the rules fingerprint); before, or for rules published before rounds had forms, the round's own form.
/// </summary>
public static class RoundForm
{
    public static ApplicationForm Of(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return PublishedRules.FormIn(round.RulesJson) ?? round.Form;
    }
}
