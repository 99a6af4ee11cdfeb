#include "engine/render/gl/gl_shader.hpp"

#include "engine/render/shader_diagnostics.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace bfr::render::gl {
namespace {

bool read_text_file(const std::string& path, std::string& out, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error != nullptr) *error = fmt::format("cannot read shader file '{}': {}", path, std::strerror(errno));
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return true;
}

std::string info_log(GLuint object, bool is_program) {
    GLint length = 0;
    if (is_program)
        glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length);
    else
        glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
    if (length <= 1) return {};
    std::vector<char> log(static_cast<std::size_t>(length));
    if (is_program)
        glGetProgramInfoLog(object, length, nullptr, log.data());
    else
        glGetShaderInfoLog(object, length, nullptr, log.data());
    return std::string(log.data());
}

}  // namespace

GLuint compile_stage(GLenum stage, const std::string& source, const std::string& path, std::string* error) {
    const GLuint shader = glCreateShader(stage);
    const char* text = source.c_str();
    const auto length = static_cast<GLint>(source.size());
    glShaderSource(shader, 1, &text, &length);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        if (error != nullptr) {
            *error = fmt::format("shader '{}' failed to compile:\n{}", path,
                                 rewrite_shader_log(info_log(shader, false), path));
        }
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

GLuint load_program(const std::string& dir, const std::string& name, std::string* error) {
    const std::string vert_path = dir + "/" + name + ".vert";
    const std::string frag_path = dir + "/" + name + ".frag";
    std::string vert_src;
    std::string frag_src;
    if (!read_text_file(vert_path, vert_src, error) || !read_text_file(frag_path, frag_src, error)) return 0;
    const GLuint vert = compile_stage(GL_VERTEX_SHADER, vert_src, vert_path, error);
    if (vert == 0) return 0;
    const GLuint frag = compile_stage(GL_FRAGMENT_SHADER, frag_src, frag_path, error);
    if (frag == 0) {
        glDeleteShader(vert);
        return 0;
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, vert);
    glAttachShader(program, frag);
    glBindAttribLocation(program, 0, "a_position");
    glBindAttribLocation(program, 1, "a_normal");
    glBindAttribLocation(program, 2, "a_uv");
    glLinkProgram(program);
    glDeleteShader(vert);
    glDeleteShader(frag);
    GLint ok = GL_FALSE;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        if (error != nullptr) {
            *error = fmt::format("shader program '{}' ({}, {}) failed to link:\n{}", name, vert_path, frag_path,
                                 info_log(program, true));
        }
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

}  // namespace bfr::render::gl
