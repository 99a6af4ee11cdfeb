#include "engine/audio/speech.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

namespace fs = std::filesystem;

TEST_CASE("without espeak-ng the voice says so and stays silent", "[audio][speech]") {
    auto speech = bfr::audio::create_espeak_speech("/nonexistent/espeak-ng");
    CHECK_FALSE(speech->available());
    CHECK(speech->describe().find("captions only") != std::string::npos);
    speech->say("Set one: thirty reps.");  // nothing to run: no crash, no child
    speech->set_muted(true);
    CHECK(speech->muted());
}

TEST_CASE("each line is spoken by the program with its text as one argument", "[audio][speech]") {
    std::string dir_pattern = (fs::temp_directory_path() / "bfr_speech_XXXXXX").string();
    REQUIRE(::mkdtemp(dir_pattern.data()) != nullptr);
    const fs::path dir = dir_pattern;
    const fs::path script = dir / "fake-espeak";
    const fs::path out = dir / "said.txt";
    {
        std::ofstream f(script);
        f << "#!/bin/sh\n"
          << "for a in \"$@\"; do printf '%s|' \"$a\" >> '" << out.string() << "'; done\n"
          << "printf '\\n' >> '" << out.string() << "'\n";
    }
    fs::permissions(script, fs::perms::owner_all);
    auto speech = bfr::audio::create_espeak_speech(script.string(), 160);
    REQUIRE(speech->available());
    speech->say("-x Rest thirty seconds.");  // a line that looks like an option stays text
    std::string said;
    for (int i = 0; i < 200 && said.find('\n') == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::ifstream f(out);
        said.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    }
    CHECK(said == "-s|160|-a|100|--|-x Rest thirty seconds.|\n");
    // The voice's volume is espeak-ng's amplitude (100 = its default); 0 speaks nothing.
    speech->set_volume(0.4f);
    CHECK(speech->volume() == 0.4f);
    said.clear();
    speech->say("Set two.");
    for (int i = 0; i < 200 && said.find("Set two") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::ifstream f(out);
        said.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    }
    CHECK(said.find("-s|160|-a|40|--|Set two.|\n") != std::string::npos);
    speech->set_volume(7.f);
    CHECK(speech->volume() == 1.f);
    speech->set_volume(0.f);
    speech->say("not spoken either");
    speech->set_volume(1.f);
    speech->set_muted(true);
    speech->say("not spoken");
    speech.reset();  // reaps its child
    std::ifstream f(out);
    const std::string all{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
    CHECK(all.find("not spoken") == std::string::npos);
    CHECK(all.find("either") == std::string::npos);
    fs::remove_all(dir);
}
