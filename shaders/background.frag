#version 330 core
// Vertical gradient (linear colours in, sRGB out) with a soft vignette. No dithering, so
// images are reproducible for golden tests.
in vec2 v_ndc;

uniform vec3 u_top;
uniform vec3 u_bottom;

out vec4 o_color;

vec3 linear_to_srgb(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
    float t = clamp(v_ndc.y * 0.5 + 0.5, 0.0, 1.0);
    vec3 c = mix(u_bottom, u_top, smoothstep(0.0, 1.0, t));
    float vignette = 1.0 - 0.25 * dot(v_ndc * vec2(0.7, 0.9), v_ndc * vec2(0.7, 0.9));
    o_color = vec4(linear_to_srgb(c * vignette), 1.0);
}
