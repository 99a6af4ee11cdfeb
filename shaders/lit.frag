#version 330 core
// Lit mesh: hemispheric ambient + up to 3 directional lights (wrapped Lambert, Blinn-Phong
// specular from roughness) + a rim term, then exposure, filmic tone mapping and sRGB encoding.
// All colour uniforms are linear RGB.
in vec3 v_world_pos;
in vec3 v_normal;
in vec2 v_uv;

uniform vec3 u_eye;
uniform vec3 u_base_color;
uniform float u_roughness;     // 0 = glossy, 1 = matte
uniform vec3 u_emissive;
uniform float u_rim;           // 0..1 strength of the view-grazing rim light
uniform float u_opacity;       // 0..1
uniform float u_fill;          // 0..1 level filling the mesh along v from v = 1 down to 1 - u_fill (0: no fill; v > 1 never)
uniform vec3 u_fill_color;
uniform vec3 u_light_dir[3];   // direction the light travels (normalised)
uniform vec3 u_light_color[3]; // colour x intensity (unused slots are black)
uniform vec3 u_sky_ambient;
uniform vec3 u_ground_ambient;
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
    vec3 n = normalize(v_normal);
    vec3 v = normalize(u_eye - v_world_pos);
    if (dot(n, v) < 0.0) n = -n;  // seen from inside (cut-away views): light the back face too

    // The fill: below the level (from v = 1) the surface takes the fill colour, with a soft edge
    // and a thin bright front where the level stands, so a rising level reads from afar.
    vec3 base = u_base_color;
    float front_glow = 0.0;
    if (u_fill > 0.0) {
        float depth = v_uv.y - (1.0 - u_fill);  // > 0: under the level
        float inside = 1.0 - smoothstep(1.0, 1.08, v_uv.y);  // v > 1 (past the joint) is never filled
        float filled = smoothstep(-0.015, 0.015, depth) * inside;
        // Seen through the skin: strongest where the surface faces the viewer, fainter at the edges.
        base = mix(base, u_fill_color, filled * mix(0.55, 1.0, max(dot(n, v), 0.0)));
        front_glow = (1.0 - smoothstep(0.0, 0.03, abs(depth))) * step(0.02, u_fill) * step(u_fill, 0.995) * inside;
    }

    float hemi = 0.5 + 0.5 * n.y;
    vec3 color = base * mix(u_ground_ambient, u_sky_ambient, hemi);

    float shininess = mix(96.0, 6.0, clamp(u_roughness, 0.0, 1.0));
    float spec_strength = mix(0.45, 0.04, clamp(u_roughness, 0.0, 1.0));
    for (int i = 0; i < 3; ++i) {  // a constant count unrolls; black slots add nothing
        vec3 l = -u_light_dir[i];
        float ndl = dot(n, l);
        float diffuse = clamp((ndl + 0.25) / 1.25, 0.0, 1.0);  // slightly wrapped: softer terminator, like skin
        vec3 h = normalize(l + v);
        float nh = max(dot(n, h), 0.0);
        float spec = nh / (shininess - shininess * nh + nh) * spec_strength * step(0.0, ndl);  // Schlick's pow(nh, s)
        color += u_light_color[i] * (base * diffuse + vec3(spec));
    }
    float grazing = 1.0 - max(dot(n, v), 0.0);
    float rim = grazing * grazing * grazing * u_rim;
    color += rim * mix(u_sky_ambient, vec3(1.0), 0.5);
    color += u_emissive + front_glow * 0.6 * u_fill_color;

    color = tonemap_aces(color * u_exposure);
    o_color = vec4(linear_to_srgb(color), u_opacity);
}
