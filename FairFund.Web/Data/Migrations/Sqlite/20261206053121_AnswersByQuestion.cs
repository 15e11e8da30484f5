using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnswersByQuestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnswersJson",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            // Every application's answers into one JSON object by question key, each as AnswerJson writes it. Only
            // answers that say something are kept (json_patch onto {} drops the keys whose value is null), as
            // FormAnswers keeps them. Costs are the decimal's own text (EF keeps a decimal as TEXT), made a JSON
            // number by json(), so they read back exactly, penny for penny. Rows in the order they were added (Id).
            migrationBuilder.Sql("""
                UPDATE Applications SET AnswersJson = json_patch('{}', json_object(
                    'title', json(CASE WHEN Title <> '' THEN json_object('text', Title) END),
                    'whatYouWillDo', json(CASE WHEN WhatYouWillDo <> '' THEN json_object('text', WhatYouWillDo) END),
                    'startDate', json(CASE WHEN StartDate IS NOT NULL THEN json_object('date', StartDate) END),
                    'endDate', json(CASE WHEN EndDate IS NOT NULL THEN json_object('date', EndDate) END),
                    'whoBenefits', json(CASE WHEN WhoBenefits <> '' THEN json_object('text', WhoBenefits) END),
                    'outcomes', json(CASE WHEN Outcomes <> '' THEN json_object('text', Outcomes) END),
                    'livedExperience', json(CASE WHEN LivedExperience <> '' THEN json_object('text', LivedExperience) END),
                    'budget', json((SELECT CASE WHEN count(*) > 0 THEN json_object('budget', json_group_array(json_object('item', line.Item, 'cost', json(line.Cost)))) END
                        FROM (SELECT Item, Cost FROM ApplicationBudgetLines WHERE ApplicationId = Applications.Id ORDER BY Id) AS line)),
                    'workingWithPartners', json(CASE WorkingWithPartners WHEN 1 THEN '{"yesNo":true}' WHEN 0 THEN '{"yesNo":false}' END),
                    'partners', json((SELECT CASE WHEN count(*) > 0 THEN json_object('partners', json_group_array(json_object('name', partner.Name, 'role', partner.Role))) END
                        FROM (SELECT Name, Role FROM ApplicationPartners WHERE ApplicationId = Applications.Id ORDER BY Id) AS partner))));
                """);

            migrationBuilder.DropTable(
                name: "ApplicationBudgetLines");

            migrationBuilder.DropTable(
                name: "ApplicationPartners");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WhoBenefits",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

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
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", nullable: false),
                    Item = table.Column<string>(type: "TEXT", nullable: false)
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
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "IX_ApplicationBudgetLines_ApplicationId",
                table: "ApplicationBudgetLines",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationPartners_ApplicationId",
                table: "ApplicationPartners",
                column: "ApplicationId");

            // Back to the columns and rows, from the JSON. A cost is taken as its JSON text (->), not as a REAL, so it stays exact.
            migrationBuilder.Sql("""
                UPDATE Applications SET
                    Title = COALESCE(AnswersJson ->> '$.title.text', ''),
                    WhatYouWillDo = COALESCE(AnswersJson ->> '$.whatYouWillDo.text', ''),
                    StartDate = AnswersJson ->> '$.startDate.date',
                    EndDate = AnswersJson ->> '$.endDate.date',
                    WhoBenefits = COALESCE(AnswersJson ->> '$.whoBenefits.text', ''),
                    Outcomes = COALESCE(AnswersJson ->> '$.outcomes.text', ''),
                    LivedExperience = COALESCE(AnswersJson ->> '$.livedExperience.text', ''),
                    WorkingWithPartners = AnswersJson ->> '$.workingWithPartners.yesNo';
                INSERT INTO ApplicationBudgetLines (ApplicationId, Item, Cost)
                    SELECT a.Id, line.value ->> '$.item', line.value -> '$.cost'
                    FROM Applications a, json_each(a.AnswersJson, '$.budget.budget') line ORDER BY a.Id, line.key;
                INSERT INTO ApplicationPartners (ApplicationId, Name, Role)
                    SELECT a.Id, partner.value ->> '$.name', partner.value ->> '$.role'
                    FROM Applications a, json_each(a.AnswersJson, '$.partners.partners') partner ORDER BY a.Id, partner.key;
                """);

            migrationBuilder.DropColumn(
                name: "AnswersJson",
                table: "Applications");
        }
    }
}
