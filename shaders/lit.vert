#version 330 core
// Lit mesh. Deformation (render_list.hpp, Vertex::skin): inflate first, in object space — channels
// 0 and 1 move the vertex away from the object's +Y axis, channel 2 along its normal — then
// linear blend skinning between u_model (bone 0) and u_bone1 by the vertex's weight a_skin.x.
// Lighting is computed here, per vertex (hemispheric ambient, 3 wrapped-Lambert directional
// lights, Blinn-Phong specular, rim), and interpolated: the meshes are dense enough for it to
// look the same, and a software rasteriser shades several times fewer pixels' worth of maths.
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
uniform vec3 u_eye;
uniform float u_roughness;
uniform float u_rim;
uniform vec3 u_light_dir[3];
uniform vec3 u_light_color[3];
uniform vec3 u_sky_ambient;
uniform vec3 u_ground_ambient;

out vec2 v_uv;
out vec3 v_light;     // multiplies the base colour: ambient + diffuse
out vec3 v_specular;  // added: specular + rim
out float v_facing;   // n·v, for the fill's see-through look

void main() {
    vec2 radial = a_position.xz;
    float r = length(radial);
    radial = r > 1e-6 ? radial / r : vec2(0.0);
    vec3 p = a_position + vec3(radial.x, 0.0, radial.y) * (a_skin.y * u_inflate.x + a_skin.z * u_inflate.y) +
             a_normal * (a_skin.w * u_inflate.z);
    vec4 world = mix(u_model * vec4(p, 1.0), u_bone1 * vec4(p, 1.0), a_skin.x);
    vec3 n = normalize(mix(u_normal_matrix * a_normal, u_normal_matrix1 * a_normal, a_skin.x));
    vec3 v = normalize(u_eye - world.xyz);
    if (dot(n, v) < 0.0) n = -n;

    float rough = clamp(u_roughness, 0.0, 1.0);
    float shininess = mix(96.0, 6.0, rough);
    float spec_strength = mix(0.45, 0.04, rough);
    vec3 light = mix(u_ground_ambient, u_sky_ambient, 0.5 + 0.5 * n.y);
    vec3 specular = vec3(0.0);
    for (int i = 0; i < 3; ++i) {
        vec3 l = -u_light_dir[i];
        float ndl = dot(n, l);
        light += u_light_color[i] * clamp((ndl + 0.25) / 1.25, 0.0, 1.0);
        vec3 h = normalize(l + v);
        specular += u_light_color[i] * (pow(max(dot(n, h), 0.0), shininess) * spec_strength * step(0.0, ndl));
    }
    float facing = max(dot(n, v), 0.0);
    float grazing = 1.0 - facing;
    specular += grazing * grazing * grazing * u_rim * mix(u_sky_ambient, vec3(1.0), 0.5);

    v_uv = a_uv;
    v_light = light;
    v_specular = specular;
    v_facing = facing;
    gl_Position = u_view_proj * world;
}
