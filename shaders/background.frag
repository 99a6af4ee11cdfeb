#version 330 core
// Vertical gradient (sRGB, interpolated from the vertices) with a soft vignette. No dithering,
// so images are reproducible for golden tests.
in vec2 v_ndc;
in vec3 v_srgb;

out vec4 o_color;

void main() {
    vec2 d = v_ndc * vec2(0.7, 0.9);
    float vignette = 1.0 - 0.18 * dot(d, d);
    o_color = vec4(v_srgb * vignette, 1.0);
}
