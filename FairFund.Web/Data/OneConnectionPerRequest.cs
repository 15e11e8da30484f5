using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Data;

/// <summary>
/// Gives each page request one database connection, from the handler to the end of the response, instead of EF's
/// one per query. Microsoft.Data.Sqlite's pool hands connections out under a single lock, and in a deadline rush
/// fifty requests taking and returning a connection for each of their queries spent much of their time queued on
/// it. The connection goes back to the pool when the request's context is disposed.
/// </summary>
public sealed class OneConnectionPerRequest(FairFundDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await db.Database.OpenConnectionAsync(context?.HttpContext.RequestAborted ?? CancellationToken.None);
        await next();
    }
}
