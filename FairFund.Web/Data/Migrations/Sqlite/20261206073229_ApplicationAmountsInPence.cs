using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApplicationAmountsInPence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AmountRequestedInPence",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Applications saved before the column: the total of the budget's costs, from the answers' JSON
            // ({"budget":{"budget":[{"item":"…","cost":150}]}}), as Application.AmountRequested adds them up.
            migrationBuilder.Sql("""
                UPDATE "Applications" SET "AmountRequestedInPence" = COALESCE(
                    (SELECT CAST(ROUND(SUM(json_extract(line.value, '$.cost')) * 100) AS INTEGER)
                     FROM json_each("Applications"."AnswersJson", '$.budget.budget') AS line), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite drops the column in place (3.35 and later); EF's own DropColumn would rebuild the whole table from
            // this migration's model, which the migrations before it then undo column by column.
            migrationBuilder.Sql("""ALTER TABLE "Applications" DROP COLUMN "AmountRequestedInPence";""");
        }
    }
}
