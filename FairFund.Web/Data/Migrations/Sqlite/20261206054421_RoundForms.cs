using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoundForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FormJson",
                table: "Rounds",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FormJson",
                table: "Rounds");
        }
    }
}
