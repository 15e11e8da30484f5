using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApplicationNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LastApplicationNumber",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Each round carries on from the highest number it has given (its reference, a hyphen, then the number).
            migrationBuilder.Sql("""
                UPDATE Rounds SET LastApplicationNumber = COALESCE(
                    (SELECT MAX(CAST(substr(a.Reference, length(Rounds.Reference) + 2) AS INTEGER))
                     FROM Applications a WHERE a.RoundId = Rounds.Id), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastApplicationNumber",
                table: "Rounds");
        }
    }
}
