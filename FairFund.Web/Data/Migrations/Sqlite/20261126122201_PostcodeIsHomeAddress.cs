using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PostcodeIsHomeAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PostcodeIsHomeAddress",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PostcodeIsHomeAddress",
                table: "Organisations");
        }
    }
}
