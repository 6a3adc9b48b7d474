//! Typesetting with krilla (the typst project's PDF writer: it shapes and subsets the font, so the
//! Japanese glyphs travel inside the file and the text can be searched and copied). A4 portrait,
//! one page (a second one only if the wording runs long): the title band, the months' calendars
//! side by side with a legend, the open days written out under them, what the counter helps
//! with, what to bring, and the free text.

use std::sync::Arc;

use chrono::{Datelike, Weekday};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::{LeafletError, LeafletMonth, LeafletTexts};
use crate::calendar::DayKind;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 40.0;
const BOTTOM: f32 = PAGE_H - 40.0;

const BLUE: (u8, u8, u8) = (0x0b, 0x4a, 0xa2);
const INK: (u8, u8, u8) = (0x1a, 0x1a, 0x1a);
const RED: (u8, u8, u8) = (0xc6, 0x28, 0x28);
const WHITE: (u8, u8, u8) = (0xff, 0xff, 0xff);
const LINE: (u8, u8, u8) = (0xb0, 0xb8, 0xc4);

/// The colour of a day's cell.
fn cell_colour(kind: Option<DayKind>) -> (u8, u8, u8) {
    match kind {
        Some(DayKind::Weekday) => (0xd6, 0xe6, 0xfa),
        Some(DayKind::Extended) => (0xc8, 0xee, 0xd2),
        Some(DayKind::Weekend) => (0xff, 0xdd, 0xb0),
        Some(DayKind::Special) => (0xe8, 0xd8, 0xf6),
        None => (0xff, 0xff, 0xff),
    }
}

/// The fonts: regular and bold (the bold may be the regular).
pub struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    /// From font files' bytes and their face index (a .ttc holds several faces).
    pub fn new(
        regular: (Vec<u8>, u32),
        bold: Option<(Vec<u8>, u32)>,
        name: &str,
    ) -> Result<Self, LeafletError> {
        let load = |(data, index): (Vec<u8>, u32)| {
            Font::new(Arc::new(data).into(), index)
                .ok_or_else(|| LeafletError::BadFont(name.to_string()))
        };
        let regular = load(regular)?;
        let bold = match bold {
            Some(b) => load(b).unwrap_or_else(|_| regular.clone()),
            None => regular.clone(),
        };
        Ok(Self { regular, bold })
    }
}

/// The first Japanese font this PC has (and its bold, if there is one).
pub fn system_fonts() -> Result<Fonts, LeafletError> {
    let files = crate::platform::japanese_fonts();
    let (regular, bold) = (files.regular, files.bold);
    fn read(list: &'static [(&'static str, u32)]) -> Option<(Vec<u8>, u32, &'static str)> {
        list.iter()
            .find_map(|(path, index)| std::fs::read(path).ok().map(|d| (d, *index, *path)))
    }
    let (data, index, path) = read(regular).ok_or(LeafletError::NoFont)?;
    Fonts::new((data, index), read(bold).map(|(d, i, _)| (d, i)), path)
}

/// An estimate of a text's width: full-width characters one em, the rest a little over half.
fn width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| {
            if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) {
                0.56
            } else {
                1.0
            }
        })
        .sum::<f32>()
        * size
}

/// `text` broken into lines no wider than `max` (Japanese breaks anywhere; a line does not start
/// with 、 or 。).
fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        let next = format!("{line}{c}");
        if width(&next, size) > max && !line.is_empty() && !matches!(c, '、' | '。' | '）' | '」')
        {
            lines.push(std::mem::take(&mut line));
        }
        line.push(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

struct Pen<'a, 'b> {
    s: &'b mut Surface<'a>,
    fonts: &'b Fonts,
}

impl Pen<'_, '_> {
    fn fill(&mut self, (r, g, b): (u8, u8, u8)) {
        self.s.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            ..Fill::default()
        }));
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, colour: (u8, u8, u8), text: &str) {
        self.fill(colour);
        let font = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        self.s.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: (u8, u8, u8)) {
        let Some(r) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(path) = pb.finish() {
            self.fill(colour);
            self.s.draw_path(&path);
        }
    }

    /// A cell with a thin border.
    fn cell(&mut self, x: f32, y: f32, w: f32, h: f32, colour: (u8, u8, u8)) {
        self.rect(x, y, w, h, LINE);
        self.rect(x + 0.5, y + 0.5, w - 1.0, h - 1.0, colour);
    }
}

/// The calendar of one month at (x, y), `w` wide; returns its height.
fn month_grid(pen: &mut Pen<'_, '_>, m: &LeafletMonth, x: f32, y: f32, w: f32, big: bool) -> f32 {
    let cw = w / 7.0;
    let ch = if big { 46.0 } else { cw.min(24.0) };
    let title_size = if big { 15.0 } else { 12.0 };
    pen.text(x, y + title_size, title_size, true, BLUE, &m.title);
    let mut top = y + title_size + 6.0;
    let head = if big { 16.0 } else { 13.0 };
    for (i, name) in ["日", "月", "火", "水", "木", "金", "土"]
        .iter()
        .enumerate()
    {
        let colour = match i {
            0 => RED,
            6 => BLUE,
            _ => INK,
        };
        let size = if big { 10.0 } else { 8.0 };
        pen.text(
            x + cw * i as f32 + (cw - size) / 2.0,
            top + size + 1.0,
            size,
            true,
            colour,
            name,
        );
    }
    top += head;
    let first = m.month.first_day();
    let offset = first.weekday().num_days_from_sunday() as usize;
    let rows = (offset + m.days.len()).div_ceil(7);
    for (i, d) in m.days.iter().enumerate() {
        let slot = offset + i;
        let (cx, cy) = (x + cw * (slot % 7) as f32, top + ch * (slot / 7) as f32);
        pen.cell(cx, cy, cw, ch, cell_colour(d.kind));
        let num = d.date.day().to_string();
        let colour = if d.closed_because.is_some() || d.date.weekday() == Weekday::Sun {
            RED
        } else if d.date.weekday() == Weekday::Sat {
            BLUE
        } else {
            INK
        };
        let size = if big { 12.0 } else { 8.5 };
        pen.text(
            cx + 3.0,
            cy + size + 2.0,
            size,
            d.kind.is_some(),
            colour,
            &num,
        );
        if big {
            let small = 6.5;
            let note = match (&d.kind, &d.closed_because) {
                (Some(DayKind::Weekday), _) => String::new(),
                (Some(_), _) => d.hours(),
                (None, Some(why)) => why.clone(),
                (None, None) => String::new(),
            };
            for (k, line) in wrap(&note, small, cw - 4.0).iter().take(3).enumerate() {
                pen.text(
                    cx + 2.0,
                    cy + 22.0 + small * 1.25 * k as f32,
                    small,
                    false,
                    INK,
                    line,
                );
            }
        }
    }
    top + ch * rows as f32 - y
}

/// The legend: each kind of day that occurs, with its hours.
fn legend(months: &[LeafletMonth]) -> Vec<((u8, u8, u8), String)> {
    let mut out = Vec::new();
    let first_of = |kind: DayKind| {
        months
            .iter()
            .flat_map(|m| m.days.iter())
            .find(|d| d.kind == Some(kind))
    };
    for (kind, name) in [
        (DayKind::Weekday, "平日"),
        (DayKind::Extended, "延長開設日（木曜）"),
        (DayKind::Weekend, "土日の開設日"),
        (DayKind::Special, "臨時開設日"),
    ] {
        if let Some(d) = first_of(kind) {
            let text = if kind == DayKind::Special {
                name.to_string()
            } else {
                format!("{name} {}", d.hours())
            };
            out.push((cell_colour(Some(kind)), text));
        }
    }
    out.push((cell_colour(None), "休業日".into()));
    out
}

/// One line of the text below the calendars.
struct FlowLine {
    size: f32,
    bold: bool,
    colour: (u8, u8, u8),
    indent: f32,
    text: String,
}

fn line(size: f32, bold: bool, colour: (u8, u8, u8), indent: f32, text: String) -> FlowLine {
    FlowLine {
        size,
        bold,
        colour,
        indent,
        text,
    }
}

/// Lays out the leaflet. `approved`: the wording is the city's approved one (else it says so).
pub fn render(
    months: &[LeafletMonth],
    texts: &LeafletTexts,
    approved: bool,
    fonts: &Fonts,
) -> Result<Vec<u8>, LeafletError> {
    let mut doc = Document::new();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| LeafletError::Pdf("page size".into()))?;
    let inner = PAGE_W - 2.0 * MARGIN;
    // Everything below the calendars is a list of (size, bold, colour, indent, text) lines, laid
    // out on the first page and, if they run long, on a second.
    let mut flow: Vec<FlowLine> = Vec::new();
    for m in months {
        for text in m.lines() {
            for l in wrap(&text, 8.5, inner) {
                flow.push(line(8.5, false, INK, 0.0, l));
            }
        }
    }
    flow.push(line(4.0, false, INK, 0.0, String::new()));
    for (title, items) in [
        ("この窓口でお手伝いできること", &texts.helps),
        ("お持ちいただくもの", &texts.bring),
    ] {
        flow.push(line(13.0, true, BLUE, 0.0, title.to_string()));
        for item in items {
            for (k, l) in wrap(item, 11.0, inner - 14.0).into_iter().enumerate() {
                let text = if k == 0 { format!("・{l}") } else { l };
                flow.push(line(
                    11.0,
                    false,
                    INK,
                    if k == 0 { 0.0 } else { 11.0 },
                    text,
                ));
            }
        }
        flow.push(line(4.0, false, INK, 0.0, String::new()));
    }
    for l in wrap(&texts.note, 10.5, inner) {
        flow.push(line(10.5, false, INK, 0.0, l));
    }

    let mut page = doc.start_page_with(settings.clone());
    let mut surface = page.surface();
    let mut y;
    {
        let mut pen = Pen {
            s: &mut surface,
            fonts,
        };
        pen.rect(0.0, 0.0, PAGE_W, 104.0, BLUE);
        let title_size = if width(&texts.name, 26.0) > inner {
            20.0
        } else {
            26.0
        };
        pen.text(MARGIN, 54.0, title_size, true, WHITE, &texts.name);
        pen.text(
            MARGIN,
            84.0,
            12.5,
            false,
            WHITE,
            &format!("場所：{}", texts.place),
        );
        if !approved {
            pen.text(
                PAGE_W - MARGIN - width("（市の承認前の文案）", 9.0),
                20.0,
                9.0,
                false,
                WHITE,
                "（市の承認前の文案）",
            );
        }
        y = 130.0;
        let period = match (months.first(), months.last()) {
            (Some(a), Some(b)) if a.month != b.month => {
                format!("開設日のご案内（{}〜{}）", a.title, b.title)
            }
            (Some(a), _) => format!("開設日のご案内（{}）", a.title),
            _ => "開設日のご案内".into(),
        };
        pen.text(MARGIN, y, 15.0, true, INK, &period);
        y += 12.0;
        let n = months.len().max(1) as f32;
        let gap = 14.0;
        let w = (inner - gap * (n - 1.0)) / n;
        let mut tallest: f32 = 0.0;
        for (i, m) in months.iter().enumerate() {
            let h = month_grid(
                &mut pen,
                m,
                MARGIN + (w + gap) * i as f32,
                y,
                w,
                months.len() == 1,
            );
            tallest = tallest.max(h);
        }
        y += tallest + 12.0;
        let mut x = MARGIN;
        for (colour, text) in legend(months) {
            let tw = width(&text, 8.5);
            if x + 14.0 + tw > PAGE_W - MARGIN {
                x = MARGIN;
                y += 14.0;
            }
            pen.cell(x, y, 11.0, 11.0, colour);
            pen.text(x + 14.0, y + 9.0, 8.5, false, INK, &text);
            x += 14.0 + tw + 14.0;
        }
        y += 24.0;
    }
    let mut lines = flow.into_iter().peekable();
    loop {
        {
            let mut pen = Pen {
                s: &mut surface,
                fonts,
            };
            while let Some(next) = lines.peek() {
                if y + next.size * 1.5 > BOTTOM {
                    break;
                }
                let Some(l) = lines.next() else {
                    break;
                };
                y += l.size * 1.45;
                if !l.text.is_empty() {
                    pen.text(MARGIN + l.indent, y, l.size, l.bold, l.colour, &l.text);
                }
            }
        }
        if lines.peek().is_none() {
            break;
        }
        surface.finish();
        page.finish();
        page = doc.start_page_with(settings.clone());
        surface = page.surface();
        y = MARGIN;
    }
    surface.finish();
    page.finish();
    doc.finish()
        .map_err(|e| LeafletError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width_and_keep_every_character() {
        let text = "12月の平日開設日（8:30〜17:15）：1日(月)、2日(火)、3日(水)、5日(金)、8日(月)、9日(火)、10日(水)";
        let lines = wrap(text, 8.5, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
        assert!(
            lines.iter().all(|l| width(l, 8.5) <= 150.0 + 8.5),
            "{lines:?}"
        );
        assert!(lines.iter().skip(1).all(|l| !l.starts_with('、')));
    }
}
