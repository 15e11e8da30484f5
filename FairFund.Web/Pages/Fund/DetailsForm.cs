using FairFund.Web.Forms;

namespace FairFund.Web.Pages.Fund;

/// <summary>The round's details fields and their errors, for the <c>_RoundDetailsFields</c> partial that both round forms show.</summary>
public sealed record DetailsForm(RoundDetailsInput Input, FormErrors Errors);
