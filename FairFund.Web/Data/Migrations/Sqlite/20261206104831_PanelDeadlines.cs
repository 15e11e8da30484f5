using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PanelDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ScoringDeadline",
                table: "Rounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ScoringDeadlineSetAt",
                table: "Rounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScoringDeadlineSetBy",
                table: "Rounds",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TellsIneligibleAtScreening",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ScoringDeadline",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ScoringDeadlineSetAt",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ScoringDeadlineSetBy",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "TellsIneligibleAtScreening",
                table: "Rounds");
        }
    }
}
