#pragma once
// The validation targets of physiology-reference.md §9(b), each run as a scenario on the model
// and graded as the Pulse engine grades its outputs: Good (< 10 % off the target), Decent
// (10–30 %), Bad (> 30 %); pass = inside the target's tolerance band.

#include <string>
#include <vector>

namespace bfr::physiology {

enum class Grade { Good, Decent, Bad };

struct TargetResult {
    std::string id;         ///< "T1"
    std::string behaviour;  ///< What is checked.
    std::string target;     ///< Target and tolerance, in words and units.
    std::string model;      ///< The model's value(s), in the same units.
    double error_pct = 0.0; ///< Relative error against the target's central value (worst of several).
    bool has_error = true;  ///< False for qualitative targets (orderings, signs).
    Grade grade = Grade::Bad;
    bool pass = false;
    std::string source;     ///< Where the target comes from.
};

/// Grade of a relative error (%).
[[nodiscard]] Grade grade_of(double error_pct) noexcept;
[[nodiscard]] const char* grade_name(Grade g) noexcept;

/// The target ids, in order ("T1" … "T20").
[[nodiscard]] std::vector<std::string> validation_ids();
/// Runs one target; an unknown id gives a failed result saying so.
[[nodiscard]] TargetResult run_target(const std::string& id);
/// Runs every target.
[[nodiscard]] std::vector<TargetResult> run_validation();

}  // namespace bfr::physiology
