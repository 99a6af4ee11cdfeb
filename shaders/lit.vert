#version 330 core
// Lit mesh: world-space position and normal for per-pixel lighting in lit.frag.
// Deformation (render_list.hpp, Vertex::skin): inflate first, in object space — channels 0 and 1
// move the vertex away from the object's +Y axis, channel 2 along its normal — then linear blend
// skinning between u_model (bone 0) and u_bone1 by the vertex's weight a_skin.x.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
layout(location = 3) in vec4 a_skin;

uniform mat4 u_model;
uniform mat4 u_bone1;
uniform mat4 u_view_proj;
uniform mat3 u_normal_matrix;
uniform mat3 u_normal_matrix1;
uniform vec3 u_inflate;

out vec3 v_world_pos;
out vec3 v_normal;
out vec2 v_uv;

void main() {
    vec2 radial = a_position.xz;
    float r = length(radial);
    radial = r > 1e-6 ? radial / r : vec2(0.0);
    vec3 p = a_position + vec3(radial.x, 0.0, radial.y) * (a_skin.y * u_inflate.x + a_skin.z * u_inflate.y) +
             a_normal * (a_skin.w * u_inflate.z);
    vec4 world = mix(u_model * vec4(p, 1.0), u_bone1 * vec4(p, 1.0), a_skin.x);
    v_world_pos = world.xyz;
    v_normal = mix(u_normal_matrix * a_normal, u_normal_matrix1 * a_normal, a_skin.x);
    v_uv = a_uv;
    gl_Position = u_view_proj * world;
}
