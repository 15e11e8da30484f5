using System.Threading.Channels;

namespace FairFund.Web.Accounts;

/// <summary>Something a person asked of the account forms that ends in an email, done after the request has answered.</summary>
public abstract record AccountRequest(string Email);

/// <summary>Create an account with this password (already hashed in the request), or tell the owner it exists.</summary>
public sealed record RegistrationRequest(string Email, string PasswordHash, string? Name) : AccountRequest(Email);

/// <summary>Send the confirmation link again, if the address has an account that is not confirmed yet.</summary>
public sealed record ConfirmationRequest(string Email) : AccountRequest(Email);

/// <summary>Send a link to choose a new password, if the address has an account.</summary>
public sealed record PasswordResetRequest(string Email) : AccountRequest(Email);

/// <summary>
/// The account forms hand their work here and answer at once, so a request does exactly the same work whether
/// or not the address has an account: neither the words nor the time taken tell anyone which addresses are
/// registered. <see cref="AccountWorker"/> then looks the address up, makes the token and queues the email.
/// Bounded, so a flood of requests waits for room (every request alike) rather than filling the memory; held in
/// memory only, so a crash loses what was waiting, and the pages offer to send it again.
/// </summary>
public sealed class AccountRequests
{
    private readonly Channel<AccountRequest> _requests = Channel.CreateBounded<AccountRequest>(
        new BoundedChannelOptions(1_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock _gate = new();
    private int _unfinished;
    private TaskCompletionSource _finished = Finished();

    public async ValueTask EnqueueAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_unfinished++ == 0) _finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        try
        {
            await _requests.Writer.WriteAsync(request, cancellationToken);
        }
        catch
        {
            MarkDone();
            throw;
        }
    }

    /// <summary>Completes once everything queued so far has been done (its email is in the outbox, or it failed and was logged).</summary>
    public Task WhenAllDoneAsync()
    {
        lock (_gate) return _finished.Task;
    }

    internal ChannelReader<AccountRequest> Reader => _requests.Reader;

    internal void MarkDone()
    {
        lock (_gate)
        {
            if (--_unfinished == 0) _finished.TrySetResult();
        }
    }

    private static TaskCompletionSource Finished()
    {
        var finished = new TaskCompletionSource();
        finished.SetResult();
        return finished;
    }
}

/// <summary>Does the queued account work one request at a time, each in its own scope, as the outbox worker sends mail.</summary>
public sealed partial class AccountWorker(AccountRequests queue, IServiceScopeFactory scopes, ILogger<AccountWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AccountMail>().HandleAsync(request, stoppingToken);
            }
            catch (Exception problem) when (problem is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One request's failure (a database error, say) must not stop the others; the person can ask again.
                LogFailed(logger, problem, request.GetType().Name);
            }
            finally
            {
                queue.MarkDone();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not do the account request {Kind}")]
    private static partial void LogFailed(ILogger logger, Exception problem, string kind);
}
