#pragma once
// The kiosk's colours: the Okabe-Ito palette (colour-blind safe, product.md §6c) on near-black
// panels for contrast. Every colour is paired with words or a shape, never the only carrier of
// a meaning.

#include <imgui.h>

namespace bfr::modes::kiosk::palette {

inline const ImVec4 kOrange{230.f / 255.f, 159.f / 255.f, 0.f, 1.f};                  // #E69F00
inline const ImVec4 kSkyBlue{86.f / 255.f, 180.f / 255.f, 233.f / 255.f, 1.f};         // #56B4E9
inline const ImVec4 kGreen{0.f, 158.f / 255.f, 115.f / 255.f, 1.f};                    // #009E73 bluish green
inline const ImVec4 kYellow{240.f / 255.f, 228.f / 255.f, 66.f / 255.f, 1.f};          // #F0E442
inline const ImVec4 kBlue{0.f, 114.f / 255.f, 178.f / 255.f, 1.f};                     // #0072B2
inline const ImVec4 kVermillion{213.f / 255.f, 94.f / 255.f, 0.f, 1.f};                // #D55E00
inline const ImVec4 kPurple{204.f / 255.f, 121.f / 255.f, 167.f / 255.f, 1.f};         // #CC79A7 reddish purple
inline const ImVec4 kGrey{153.f / 255.f, 153.f / 255.f, 153.f / 255.f, 1.f};           // #999999
inline const ImVec4 kWhite{1.f, 1.f, 1.f, 1.f};
/// Panel backgrounds: near-black, nearly opaque (white text on it: contrast above 15:1).
inline const ImVec4 kPanel{0.02f, 0.03f, 0.05f, 0.90f};
inline const ImVec4 kPanelSolid{0.02f, 0.03f, 0.05f, 0.97f};
/// Secondary text: light grey, still above 7:1 on the panels.
inline const ImVec4 kMuted{0.78f, 0.80f, 0.84f, 1.f};

}  // namespace bfr::modes::kiosk::palette
