using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairFund.Tests.Web.Health;

public sealed class HealthCheckTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    [Fact]
    public async Task Get_Healthz_AnswersHealthy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
