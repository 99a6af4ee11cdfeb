#version 330 core
// Lit mesh: the base colour (with the metabolite fill) times the light lit.vert interpolated, plus
// its specular and rim, emissive, then exposure, filmic tone mapping and sRGB encoding.
// All colour uniforms are linear RGB.
in vec2 v_uv;
in vec3 v_light;
in vec3 v_specular;
in float v_facing;

uniform vec3 u_base_color;
uniform vec3 u_emissive;
uniform float u_opacity;       // 0..1
uniform float u_fill;          // 0..1 level filling the mesh along v from v = 1 down to 1 - u_fill (0: no fill; v > 1 never)
uniform vec3 u_fill_color;
uniform float u_exposure;

out vec4 o_color;

vec3 tonemap_aces(vec3 x) {  // Narkowicz's fit of the ACES filmic curve
    const float a = 2.51, b = 0.03, c = 2.43, d = 0.59, e = 0.14;
    return clamp((x * (a * x + b)) / (x * (c * x + d) + e), 0.0, 1.0);
}

vec3 linear_to_srgb(vec3 c) {  // within 0.4/255 of the sRGB curve on [0, 1], without pow
    vec3 s1 = sqrt(c);
    vec3 s2 = sqrt(s1);
    vec3 s3 = sqrt(s2);
    vec3 curve = clamp(0.585122381 * s1 + 0.783140355 * s2 - 0.368262736 * s3, 0.0, 1.0);
    return mix(c * 12.92, curve, step(vec3(0.0031308), c));
}

void main() {
    // The fill: below the level (from v = 1) the surface takes the fill colour, with a soft edge
    // and a thin bright front where the level stands, so a rising level reads from afar.
    vec3 base = u_base_color;
    float front_glow = 0.0;
    if (u_fill > 0.0) {
        float depth = v_uv.y - (1.0 - u_fill);  // > 0: under the level
        float inside = 1.0 - smoothstep(1.0, 1.08, v_uv.y);  // v > 1 (past the joint) is never filled
        float filled = smoothstep(-0.015, 0.015, depth) * inside;
        // Seen through the skin: strongest where the surface faces the viewer, fainter at the edges.
        base = mix(base, u_fill_color, filled * mix(0.55, 1.0, v_facing));
        front_glow = (1.0 - smoothstep(0.0, 0.03, abs(depth))) * step(0.02, u_fill) * step(u_fill, 0.995) * inside;
    }
    vec3 color = base * v_light + v_specular + u_emissive + front_glow * 0.6 * u_fill_color;
    color = tonemap_aces(color * u_exposure);
    o_color = vec4(linear_to_srgb(color), u_opacity);
}
