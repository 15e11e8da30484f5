using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FairFund.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PanelReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PanelReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SheetJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelReviews_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelReviewDeclarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RecordedByFundManager = table.Column<bool>(type: "INTEGER", nullable: false),
                    PanelReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelReviewDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelReviewDeclarations_PanelReviews_PanelReviewId",
                        column: x => x.PanelReviewId,
                        principalTable: "PanelReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelReviewRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ScoresJson = table.Column<string>(type: "TEXT", nullable: false),
                    CommentForApplicant = table.Column<string>(type: "TEXT", nullable: false),
                    NoteForPanel = table.Column<string>(type: "TEXT", nullable: false),
                    PanelReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelReviewRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelReviewRevisions_PanelReviews_PanelReviewId",
                        column: x => x.PanelReviewId,
                        principalTable: "PanelReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelReviewStateChanges",
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
                    PanelReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelReviewStateChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelReviewStateChanges_PanelReviews_PanelReviewId",
                        column: x => x.PanelReviewId,
                        principalTable: "PanelReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PanelReviewDeclarations_PanelReviewId",
                table: "PanelReviewDeclarations",
                column: "PanelReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelReviewRevisions_PanelReviewId_Number",
                table: "PanelReviewRevisions",
                columns: new[] { "PanelReviewId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelReviews_ApplicationId_ReviewerId",
                table: "PanelReviews",
                columns: new[] { "ApplicationId", "ReviewerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelReviewStateChanges_PanelReviewId",
                table: "PanelReviewStateChanges",
                column: "PanelReviewId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PanelReviewDeclarations");

            migrationBuilder.DropTable(
                name: "PanelReviewRevisions");

            migrationBuilder.DropTable(
                name: "PanelReviewStateChanges");

            migrationBuilder.DropTable(
                name: "PanelReviews");
        }
    }
}
