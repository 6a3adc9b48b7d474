//! Printing the photo sheet through GTK's own print dialog, drawn with cairo in millimetres
//! (`GtkPrintOperation` with `GTK_UNIT_MM`, the full page, the paper preset from the settings).
//! The web page's print path was measured first: WebKitGTK printed CSS millimetres 13 % too
//! large and ignored `@page size`, so a 35 × 45 mm photo came out 39.6 × 51 mm. Here the sizes are
//! the paper's own units, exact by construction, and the photo goes to the print system only
//! (no file, unless a PDF export is asked for). The pixel copy for cairo is wiped afterwards.

use std::path::{Path, PathBuf};

use gtk::prelude::*;
use image::RgbImage;
use tauri::{Runtime, WebviewWindow};
use zeroize::Zeroize;

use super::{Outcome, PrintError};
use crate::photo::sheet::{Paper, Sheet};

/// The print backends the dialog may load: real printers through CUPS only. GTK's default adds
/// `file` ("Print to File": a PDF of the citizen's face in the home folder).
pub const BACKENDS: &str = "cups";

/// Restricts GTK's print dialog to [`BACKENDS`] (call on the GTK main thread before the first
/// dialog: GTK loads the backends when it first needs them).
pub fn restrict_backends() {
    if let Some(settings) = gtk::Settings::default() {
        settings.set_property("gtk-print-backends", BACKENDS);
    }
}

/// Prints on the GTK main thread, parented to `window`, and waits for the dialog to close. The
/// photo's pixels are wiped when done.
pub async fn run<R: Runtime>(
    window: WebviewWindow<R>,
    sheet: Sheet,
    mut photo: RgbImage,
    export: Option<PathBuf>,
) -> Result<Outcome, PrintError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let win = window.clone();
    let dispatched = window.run_on_main_thread(move || {
        let parent = win.gtk_window().ok();
        let parent = parent.as_ref().map(|w| w.upcast_ref::<gtk::Window>());
        let r = print(&sheet, &photo, parent, export.as_deref());
        crate::camera::wipe(&mut photo);
        let _ = tx.send(r);
    });
    dispatched.map_err(|e| PrintError::Dialog(e.to_string()))?;
    tauri::async_runtime::spawn_blocking(move || {
        rx.recv()
            .unwrap_or_else(|_| Err(PrintError::Dialog("the dialog went away".into())))
    })
    .await
    .map_err(|e| PrintError::Dialog(e.to_string()))?
}

/// Prints (or, with `export`, writes a PDF of) the sheet. Call on the GTK main thread.
fn print(
    sheet: &Sheet,
    photo: &RgbImage,
    parent: Option<&gtk::Window>,
    export: Option<&Path>,
) -> Result<Outcome, PrintError> {
    let surface = surface_of(photo)?;
    let op = gtk::PrintOperation::new();
    op.set_job_name("窓口 顔写真");
    op.set_n_pages(1);
    op.set_unit(gtk::Unit::Mm);
    op.set_use_full_page(true);
    let (name, label) = match sheet.paper {
        Paper::L => ("madoguchi_l", "L判 89×127mm"),
        Paper::A4 => ("iso_a4", "A4"),
    };
    let paper = gtk::PaperSize::new_custom(name, label, sheet.width, sheet.height, gtk::Unit::Mm);
    let setup = gtk::PageSetup::new();
    setup.set_orientation(gtk::PageOrientation::Portrait);
    setup.set_paper_size(&paper);
    for set in [
        gtk::PageSetup::set_top_margin,
        gtk::PageSetup::set_bottom_margin,
        gtk::PageSetup::set_left_margin,
        gtk::PageSetup::set_right_margin,
    ] {
        set(&setup, 0.0, gtk::Unit::Mm);
    }
    op.set_default_page_setup(Some(&setup));
    let (sheet_c, surface_c) = (sheet.clone(), surface.clone());
    let (pw, ph) = (f64::from(photo.width()), f64::from(photo.height()));
    // The dialog's Preview would write the sheet to a temporary PDF for an outside viewer: it ends
    // here instead, drawing nothing and writing nothing.
    op.connect_preview(|_, preview, _, _| {
        preview.end_preview();
        true
    });
    op.connect_draw_page(move |_, ctx, _| {
        if let Some(cr) = ctx.cairo_context() {
            let _ = draw(&cr, &sheet_c, &surface_c, pw, ph);
        }
    });
    let action = match export {
        Some(file) => {
            op.set_export_filename(file);
            gtk::PrintOperationAction::Export
        }
        None => gtk::PrintOperationAction::PrintDialog,
    };
    let result = op.run(action, parent);
    drop(op);
    wipe(surface);
    match result.map_err(|e| PrintError::Printer(e.to_string()))? {
        gtk::PrintOperationResult::Apply => Ok(Outcome::Printed),
        gtk::PrintOperationResult::Error => Err(PrintError::Printer("GTK".into())),
        _ => Ok(Outcome::Cancelled),
    }
}

fn draw(
    cr: &gtk::cairo::Context,
    sheet: &Sheet,
    photo: &gtk::cairo::ImageSurface,
    pw: f64,
    ph: f64,
) -> Result<(), gtk::cairo::Error> {
    for c in &sheet.cells {
        cr.save()?;
        cr.translate(c.x, c.y);
        cr.scale(sheet.photo_width / pw, sheet.photo_height / ph);
        cr.set_source_surface(photo, 0.0, 0.0)?;
        cr.paint()?;
        cr.restore()?;
    }
    cr.set_source_rgb(0.0, 0.0, 0.0);
    cr.set_line_width(0.15);
    for [x1, y1, x2, y2] in &sheet.marks {
        cr.move_to(*x1, *y1);
        cr.line_to(*x2, *y2);
    }
    cr.stroke()
}

/// The photo as a cairo RGB24 surface (32 bits a pixel, native-endian xRGB).
fn surface_of(photo: &RgbImage) -> Result<gtk::cairo::ImageSurface, PrintError> {
    let draw = |e: &dyn std::fmt::Display| PrintError::Draw(e.to_string());
    let (w, h) = (
        i32::try_from(photo.width()).map_err(|e| draw(&e))?,
        i32::try_from(photo.height()).map_err(|e| draw(&e))?,
    );
    let mut surface =
        gtk::cairo::ImageSurface::create(gtk::cairo::Format::Rgb24, w, h).map_err(|e| draw(&e))?;
    let stride = usize::try_from(surface.stride()).map_err(|e| draw(&e))?;
    {
        let mut data = surface.data().map_err(|e| draw(&e))?;
        for (y, row) in photo.rows().enumerate() {
            for (x, p) in row.enumerate() {
                let v = u32::from(p[0]) << 16 | u32::from(p[1]) << 8 | u32::from(p[2]);
                let at = y * stride + x * 4;
                data[at..at + 4].copy_from_slice(&v.to_ne_bytes());
            }
        }
    }
    surface.mark_dirty();
    Ok(surface)
}

fn wipe(mut surface: gtk::cairo::ImageSurface) {
    surface.flush();
    if let Ok(mut data) = surface.data() {
        let bytes: &mut [u8] = &mut data;
        bytes.zeroize();
    }
}
