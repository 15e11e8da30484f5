using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApplicationAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_RoundId",
                table: "Applications");

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndDate",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LivedExperience",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Outcomes",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartDate",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Applications",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WhatYouWillDo",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WhoBenefits",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "WorkingWithPartners",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationBudgetLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Item = table.Column<string>(type: "TEXT", nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationBudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationBudgetLines_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationPartners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationPartners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationPartners_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RoundId_OrganisationId",
                table: "Applications",
                columns: new[] { "RoundId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationBudgetLines_ApplicationId",
                table: "ApplicationBudgetLines",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationPartners_ApplicationId",
                table: "ApplicationPartners",
                column: "ApplicationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationBudgetLines");

            migrationBuilder.DropTable(
                name: "ApplicationPartners");

            migrationBuilder.DropIndex(
                name: "IX_Applications_RoundId_OrganisationId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "EndDate",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "LivedExperience",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Outcomes",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "StartDate",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "WhatYouWillDo",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "WhoBenefits",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "WorkingWithPartners",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RoundId",
                table: "Applications",
                column: "RoundId");
        }
    }
}
