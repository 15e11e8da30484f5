using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PanelMembersAndOverrides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "DisagreementDeviation",
                table: "Rounds",
                type: "TEXT",
                nullable: false,
                defaultValue: 12.5m);

            migrationBuilder.AddColumn<decimal>(
                name: "DisagreementRange",
                table: "Rounds",
                type: "TEXT",
                nullable: false,
                defaultValue: 25m);

            migrationBuilder.CreateTable(
                name: "AllocationOverrides",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", nullable: false),
                    PotKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationOverrides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AllocationOverrides_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    InviteTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    InvitedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    JoinedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelMembers_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationOverrides_RoundId_At",
                table: "AllocationOverrides",
                columns: new[] { "RoundId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelMembers_InviteTokenHash",
                table: "PanelMembers",
                column: "InviteTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelMembers_RoundId_Email",
                table: "PanelMembers",
                columns: new[] { "RoundId", "Email" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationOverrides");

            migrationBuilder.DropTable(
                name: "PanelMembers");

            migrationBuilder.DropColumn(
                name: "DisagreementDeviation",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "DisagreementRange",
                table: "Rounds");
        }
    }
}
