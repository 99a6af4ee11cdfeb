#include <catch2/catch.hpp>

#include <string>

#include "engine/render/shader_diagnostics.hpp"

using bfr::render::first_error_line;
using bfr::render::rewrite_shader_log;

TEST_CASE("Mesa logs become file:line:col", "[render][shader]") {
    const std::string log =
        "0:12(5): error: `albedo' undeclared\n"
        "0:14(2): warning: unused variable `t'\n";
    CHECK(rewrite_shader_log(log, "shaders/skin.frag") ==
          "shaders/skin.frag:12:5: error: `albedo' undeclared\n"
          "shaders/skin.frag:14:2: warning: unused variable `t'\n");
    CHECK(first_error_line(log) == 12);
    CHECK(first_error_line("0:3(1): warning: x\n0:9(4): error: y\n") == 9);
}

TEST_CASE("NVIDIA logs become file:line", "[render][shader]") {
    const std::string log =
        "0(7) : warning C7050: \"n\" might be used before being initialized\n"
        "0(12) : error C0000: syntax error, unexpected '}' at token \"}\"\n";
    CHECK(rewrite_shader_log(log, "a.vert") ==
          "a.vert:7: warning C7050: \"n\" might be used before being initialized\n"
          "a.vert:12: error C0000: syntax error, unexpected '}' at token \"}\"\n");
    CHECK(first_error_line(log) == 12);
}

TEST_CASE("AMD/Intel logs get a lowercase severity", "[render][shader]") {
    const std::string log =
        "WARNING: 0:3: extension not supported\n"
        "ERROR: 0:21: 'foo' : undeclared identifier\n"
        "ERROR: 1 compilation errors.  No code generated.\n";
    CHECK(rewrite_shader_log(log, "b.frag") ==
          "b.frag:3: warning: extension not supported\n"
          "b.frag:21: error: 'foo' : undeclared identifier\n"
          "b.frag: ERROR: 1 compilation errors.  No code generated.\n");
    CHECK(first_error_line(log) == 21);
}

TEST_CASE("unknown lines are kept, blank lines, CR and NUL dropped", "[render][shader]") {
    const std::string log = std::string("Compile failed.\r\n\r\n  0:4(10): error: boom\r\n") + std::string(1, '\0');
    CHECK(rewrite_shader_log(log, "c.glsl") == "c.glsl: Compile failed.\nc.glsl:4:10: error: boom\n");
    CHECK(rewrite_shader_log("0:2: something\n", "") == "<shader>:2: something\n");
    CHECK(rewrite_shader_log("", "x.frag").empty());
}

TEST_CASE("first_error_line is -1 without errors", "[render][shader]") {
    CHECK(first_error_line("") == -1);
    CHECK(first_error_line("0:5(1): warning: meh\nWARNING: 0:6: meh\n0(7) : warning C1: meh\n") == -1);
    CHECK(first_error_line("link failed\nerror: 12 things\n") == -1);
    CHECK(first_error_line("0:x(1): error: not a line number\n") == -1);
}
