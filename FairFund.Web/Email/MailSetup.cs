using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FairFund.Web.Email;

/// <summary>Mail settings, under <c>FairFund:Mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "FairFund:Mail";

    /// <summary>The address mail comes from; the funder's name is shown beside it.</summary>
    public string From { get; set; } = "no-reply@fairfund.localhost";

    /// <summary>Tries before a message is marked failed and left for the fund manager.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed try; each further failure doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan LongestRetryDelay { get; set; } = TimeSpan.FromHours(1);
}

public static class MailSetup
{
    /// <summary>The folder, under the data directory, that <see cref="MailDrop"/> writes messages to.</summary>
    public static string MailFolder(IConfiguration configuration) => Path.Combine(DataSetup.DataDirectory(configuration), "mail");

    public static IServiceCollection AddFairFundMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IMailTransport>(provider =>
            provider.GetRequiredService<IOptions<SmtpOptions>>().Value.IsSet
                ? new SmtpTransport(provider.GetRequiredService<IOptions<SmtpOptions>>())
                : new MailDrop(MailFolder(configuration), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MailComposer>();
        // Scoped: HtmlRenderer takes services (its activity source) that ASP.NET Core registers per scope.
        services.AddScoped<MailTemplates>();
        services.AddSingleton<MailLinks>();
        services.AddScoped<Mailer>();
        services.AddScoped<DecisionMailing>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}

/// <summary>Starts every message the same way: from the funder, with its reply-to address, dated by the app's clock.</summary>
public sealed class MailComposer(IOptions<MailOptions> mail, IOptions<Funder> funder, TimeProvider time)
{
    public MimeMessage Compose(string to, string subject, RenderedMail body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var message = new MimeMessage
        {
            Subject = subject,
            Date = time.GetUtcNow(),
            Body = new BodyBuilder { TextBody = body.Text, HtmlBody = body.Html }.ToMessageBody(),
        };
        var sender = funder.Value.IsSet ? funder.Value.Name : "FairFund";
        message.From.Add(new MailboxAddress(sender, mail.Value.From));
        if (funder.Value.ReplyTo is { Length: > 0 } replyTo && MailboxAddress.TryParse(replyTo, out var replyAddress))
            message.ReplyTo.Add(replyAddress);
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }
}
