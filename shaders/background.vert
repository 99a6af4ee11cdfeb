#version 330 core
// Full-screen triangle from gl_VertexID (no vertex buffer): covers the viewport exactly.
// The gradient's two colours are converted to sRGB here, per vertex, and interpolated in sRGB:
// a per-pixel pow() costs several milliseconds a frame on a software rasteriser, and a smooth
// dark gradient looks the same either way.
uniform vec3 u_top;     // linear RGB
uniform vec3 u_bottom;  // linear RGB

out vec2 v_ndc;
out vec3 v_srgb;

vec3 linear_to_srgb(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
    vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)) * 2.0 - 1.0;
    v_ndc = p;
    // The triangle spans y = -1..3; extrapolate so that y = -1 is bottom and y = 1 is top.
    v_srgb = mix(linear_to_srgb(u_bottom), linear_to_srgb(u_top), p.y * 0.5 + 0.5);
    gl_Position = vec4(p, 1.0, 1.0);
}
