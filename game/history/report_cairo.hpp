#pragma once
// Draws the clinician session report (report.hpp) on one A4 portrait page with cairo: the same
// drawing for a PDF (595 × 842 pt, vector text) and a PNG (A4 at 150 dpi on white). Text uses the
// "DejaVu Sans" font through cairo's toy text API (fontconfig; Debian's fonts-dejavu-core), and
// every line is measured: a value too long for its place wraps (at most two lines) or is cut with
// "…", so nothing overlaps or leaves the page.

#include "game/history/report.hpp"

#include <optional>
#include <string>

namespace bfr::history::report {

/// A4 portrait in PostScript points.
inline constexpr double kPageWidthPt = 595.0;
inline constexpr double kPageHeightPt = 842.0;
/// The PNG's resolution and size in pixels (A4 at 150 dpi).
inline constexpr double kPngDpi = 150.0;
inline constexpr int kPngWidthPx = 1240;
inline constexpr int kPngHeightPx = 1754;

/// Where the drawing ended, for tests and checks (points from the top of the page).
struct RenderInfo {
    double content_bottom_pt = 0.0;  ///< The lowest point drawn by the sections (above the footer).
    double footer_top_pt = 0.0;      ///< Where the footer begins.
};

/// The report as a one-page PDF file's bytes; nullopt and a message when cairo fails.
[[nodiscard]] std::optional<std::string> render_pdf(const ReportModel& model, std::string* error,
                                                    RenderInfo* info = nullptr);

/// The report as a PNG file's bytes (kPngWidthPx × kPngHeightPx, RGB, white page); nullopt and a
/// message when cairo fails.
[[nodiscard]] std::optional<std::string> render_png(const ReportModel& model, std::string* error,
                                                    RenderInfo* info = nullptr);

}  // namespace bfr::history::report
