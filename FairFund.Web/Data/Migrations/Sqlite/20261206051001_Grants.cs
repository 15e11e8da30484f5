using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Grants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GrantTermsJson",
                table: "Rounds",
                type: "TEXT",
                nullable: false,
                // Rounds made before grants ask what GrantTerms.Default asks: one payment on acceptance, a final report after 12 months.
                defaultValue: """{"schedule":[{"percent":100,"rule":"onAcceptance","on":null,"reportName":null}],"reports":[{"name":"Final report","dueOn":null,"monthsAfterAcceptance":12,"isFinal":true}],"proportionateThreshold":0,"daysToAccept":28,"reminderDaysBefore":14}""");

            migrationBuilder.CreateTable(
                name: "Grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TermsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OfferedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    OfferedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApplicationOutcomes = table.Column<string>(type: "TEXT", nullable: false),
                    SignatoryJson = table.Column<string>(type: "TEXT", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BankChangeUncheckedSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ClosureJson = table.Column<string>(type: "TEXT", nullable: true),
                    BankProtected = table.Column<string>(type: "TEXT", nullable: true),
                    PendingBankChangeProtected = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Grants_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grants_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grants_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrantBankEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MaskedAccount = table.Column<string>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantBankEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantBankEvents_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantBudgetLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Item = table.Column<string>(type: "TEXT", nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantBudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantBudgetLines_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedJson = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AskedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecisionReason = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantChanges_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantOutcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    IndicatorsJson = table.Column<string>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantOutcomes_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantPayments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", nullable: false),
                    ReleaseJson = table.Column<string>(type: "TEXT", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", nullable: true),
                    PaidBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantPayments_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    IsFinal = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsShort = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantReports_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantStateChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantStateChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantStateChanges_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantReportStateChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    GrantReportId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantReportStateChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantReportStateChanges_GrantReports_GrantReportId",
                        column: x => x.GrantReportId,
                        principalTable: "GrantReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantReportVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    GrantReportId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantReportVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantReportVersions_GrantReports_GrantReportId",
                        column: x => x.GrantReportId,
                        principalTable: "GrantReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrantBankEvents_GrantId",
                table: "GrantBankEvents",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantBudgetLines_GrantId",
                table: "GrantBudgetLines",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantChanges_GrantId",
                table: "GrantChanges",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantOutcomes_GrantId",
                table: "GrantOutcomes",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantPayments_GrantId",
                table: "GrantPayments",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantReports_GrantId",
                table: "GrantReports",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantReportStateChanges_GrantReportId",
                table: "GrantReportStateChanges",
                column: "GrantReportId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantReportVersions_GrantReportId",
                table: "GrantReportVersions",
                column: "GrantReportId");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_ApplicationId",
                table: "Grants",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Grants_OrganisationId",
                table: "Grants",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_RoundId",
                table: "Grants",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantStateChanges_GrantId",
                table: "GrantStateChanges",
                column: "GrantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrantBankEvents");

            migrationBuilder.DropTable(
                name: "GrantBudgetLines");

            migrationBuilder.DropTable(
                name: "GrantChanges");

            migrationBuilder.DropTable(
                name: "GrantOutcomes");

            migrationBuilder.DropTable(
                name: "GrantPayments");

            migrationBuilder.DropTable(
                name: "GrantReportStateChanges");

            migrationBuilder.DropTable(
                name: "GrantReportVersions");

            migrationBuilder.DropTable(
                name: "GrantStateChanges");

            migrationBuilder.DropTable(
                name: "GrantReports");

            migrationBuilder.DropTable(
                name: "Grants");

            migrationBuilder.DropColumn(
                name: "GrantTermsJson",
                table: "Rounds");
        }
    }
}
