using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AfterTheDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AfterTheDecisionSetAt",
                table: "Rounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AfterTheDecisionSetBy",
                table: "Rounds",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GrantConditions",
                table: "Rounds",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "WaitingListUntil",
                table: "Rounds",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AfterTheDecisionSetAt",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "AfterTheDecisionSetBy",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "GrantConditions",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "WaitingListUntil",
                table: "Rounds");
        }
    }
}
