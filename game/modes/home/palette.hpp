#pragma once
// The home mode's colours: Okabe-Ito accents (colour-blind safe). Every colour on screen is
// paired with words, never the only carrier of a meaning.

#include <imgui.h>

namespace bfr::modes::home {

inline const ImVec4 kOrange{230.f / 255.f, 159.f / 255.f, 0.f, 1.f};
inline const ImVec4 kSkyBlue{86.f / 255.f, 180.f / 255.f, 233.f / 255.f, 1.f};
inline const ImVec4 kGreen{0.f, 158.f / 255.f, 115.f / 255.f, 1.f};
inline const ImVec4 kMuted{0.65f, 0.68f, 0.74f, 1.f};
inline const ImVec4 kVermillion{213.f / 255.f, 94.f / 255.f, 0.f, 1.f};
inline const ImVec4 kPurple{204.f / 255.f, 121.f / 255.f, 167.f / 255.f, 1.f};
inline const ImVec4 kYellow{240.f / 255.f, 228.f / 255.f, 66.f / 255.f, 1.f};

}  // namespace bfr::modes::home
