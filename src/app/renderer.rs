//! renderer: which of wgpu's graphics backends draws the window, in what order they are tried,
//! and how `--renderer` or `TAIZHANG_RENDERER` forces one. Knows nothing of the data.
//!
//! A remote desktop, a 云桌面 (VDI), an old driver or Wine may offer a backend that is listed but
//! does not work (Wine's DX12 ends with "Parent device is lost"): the window then starts with the
//! next one instead of not at all.

use std::fmt;
use std::str::FromStr;

use eframe::egui_wgpu::{WgpuConfiguration, WgpuSetup};
use eframe::wgpu;

/// The environment variable that forces a renderer when `--renderer` is not given.
pub const RENDERER_ENV: &str = "TAIZHANG_RENDERER";

/// A renderer the window can be started with (`--renderer`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Renderer {
    /// This system's usual order, the next one when one fails to start.
    #[default]
    Auto,
    /// Direct3D 12 (Windows).
    Dx12,
    /// Vulkan (Windows, Linux).
    Vulkan,
    /// Metal (macOS).
    Metal,
    /// OpenGL (Windows, Linux; on Linux through EGL).
    Gl,
}

impl Renderer {
    /// Every value `--renderer` takes, as typed.
    pub const NAMES: [&'static str; 5] = ["auto", "dx12", "vulkan", "metal", "gl"];

    /// The backends to try, in order: this one alone, or for `Auto` the system's order.
    #[must_use]
    pub fn attempts(self) -> Vec<Renderer> {
        match self {
            Renderer::Auto if cfg!(windows) => vec![Renderer::Dx12, Renderer::Vulkan, Renderer::Gl],
            Renderer::Auto if cfg!(target_os = "macos") => vec![Renderer::Metal],
            Renderer::Auto => vec![Renderer::Vulkan, Renderer::Gl],
            one => vec![one],
        }
    }

    /// The renderer asked for: `--renderer`, else `TAIZHANG_RENDERER`, else `Auto`.
    ///
    /// # Errors
    /// `TAIZHANG_RENDERER` set to a value that is not a renderer's name.
    pub fn chosen(flag: Option<Renderer>) -> Result<Renderer, String> {
        if let Some(renderer) = flag {
            return Ok(renderer);
        }
        match std::env::var(RENDERER_ENV) {
            Ok(value) if !value.trim().is_empty() => value.parse().map_err(|e| format!("{RENDERER_ENV}: {e}")),
            _ => Ok(Renderer::Auto),
        }
    }

    fn backends(self) -> wgpu::Backends {
        match self {
            Renderer::Auto => wgpu::Backends::all(),
            Renderer::Dx12 => wgpu::Backends::DX12,
            Renderer::Vulkan => wgpu::Backends::VULKAN,
            Renderer::Metal => wgpu::Backends::METAL,
            Renderer::Gl => wgpu::Backends::GL,
        }
    }

    /// eframe's wgpu options with only this renderer's backend; for `Auto`, eframe's own
    /// (which read wgpu's `WGPU_BACKEND`: `run_window` uses them when that is set).
    #[must_use]
    pub fn wgpu_options(self) -> WgpuConfiguration {
        let mut options = WgpuConfiguration::default();
        if self == Renderer::Auto {
            return options;
        }
        if let WgpuSetup::CreateNew(create_new) = &mut options.wgpu_setup {
            create_new.instance_descriptor.backends = self.backends();
        }
        options
    }
}

impl fmt::Display for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Renderer::Auto => "auto",
            Renderer::Dx12 => "DX12",
            Renderer::Vulkan => "Vulkan",
            Renderer::Metal => "Metal",
            Renderer::Gl => "OpenGL",
        })
    }
}

impl FromStr for Renderer {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Renderer::Auto),
            "dx12" | "d3d12" => Ok(Renderer::Dx12),
            "vulkan" | "vk" => Ok(Renderer::Vulkan),
            "metal" => Ok(Renderer::Metal),
            "gl" | "opengl" | "gles" => Ok(Renderer::Gl),
            other => {
                let names = Renderer::NAMES.join(", ");
                Err(crate::words::say!(
                    "未知的渲染方式“{other}”,可选:{names}",
                    "unknown renderer “{other}”; one of: {names}"
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_tries_more_than_one_backend_where_there_are_several() {
        let attempts = Renderer::Auto.attempts();
        if cfg!(target_os = "macos") {
            assert_eq!(attempts, vec![Renderer::Metal]);
        } else {
            assert!(attempts.len() >= 2, "{attempts:?}");
            assert_eq!(attempts.last(), Some(&Renderer::Gl));
        }
        if cfg!(windows) {
            assert_eq!(attempts.first(), Some(&Renderer::Dx12));
        }
    }

    #[test]
    fn a_forced_renderer_is_tried_alone() {
        assert_eq!(Renderer::Vulkan.attempts(), vec![Renderer::Vulkan]);
        assert_eq!(Renderer::Gl.attempts(), vec![Renderer::Gl]);
    }

    #[test]
    fn names_parse_and_a_wrong_one_lists_the_choices() {
        for name in Renderer::NAMES {
            assert!(name.parse::<Renderer>().is_ok(), "{name}");
        }
        assert_eq!("OpenGL".parse::<Renderer>(), Ok(Renderer::Gl));
        let err = "directx".parse::<Renderer>().unwrap_err();
        assert!(err.contains("dx12") && err.contains("gl"), "{err}");
    }

    #[test]
    fn each_renderer_asks_wgpu_for_its_backend_only() {
        let options = Renderer::Dx12.wgpu_options();
        let WgpuSetup::CreateNew(create_new) = options.wgpu_setup else {
            panic!("a new wgpu setup");
        };
        assert_eq!(create_new.instance_descriptor.backends, wgpu::Backends::DX12);
    }
}
