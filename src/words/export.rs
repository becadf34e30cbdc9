//! The writers' errors, worded: what could not be written and what to do.

use super::{Lang, Say, at};
use crate::export::ExportError;

super::shown!(ExportError, |e| match e {
    ExportError::Io { source, .. } => Some(source),
    ExportError::Xlsx(source) => Some(source),
    ExportError::Csv(source) => Some(source),
    _ => None,
});

impl Say for ExportError {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => at(path) + &if zh {
                format!("文件夹不存在({source})。请先建立该文件夹,或选择一个已有的文件夹。")
            } else {
                format!("The folder does not exist ({source}). Make it first, or choose a folder that exists.")
            },
            Self::Io { path, source } if source.kind() == std::io::ErrorKind::InvalidFilename => at(path) + &if zh {
                format!("文件名过长或含有不允许的字符({source})。请换一个短一些的名字。")
            } else {
                format!("The file name is too long or holds a character it may not ({source}). Choose a shorter name.")
            },
            Self::Io { path, source } => at(path) + &if zh {
                format!("无法写入({source})。请检查磁盘空间、权限,或文件是否在 Excel/WPS 中打开。")
            } else {
                format!("Cannot write ({source}); check disk space, permissions, or whether the file is open in Excel/WPS.")
            },
            Self::IsFolder { path } => at(path) + lang.tr(
                "这是一个文件夹,不能写成文件。请换一个文件名。",
                "This is a folder; a file cannot be written in its place. Choose another name.",
            ),
            Self::Xlsx(e) => format!("XLSX: {e}"),
            Self::Pdf(e) => format!("PDF: {e}"),
            Self::Docx(e) => format!("DOCX: {e}"),
            Self::Csv(e) => format!("CSV: {e}"),
            Self::XmlChar { part, code, at } => if zh {
                format!("{part}:含有 XML 不允许的字符 U+{code:04X}(位置 {at}),文档未写入。请删去文字中的控制字符后重试。")
            } else {
                format!("{part} holds the character U+{code:04X}, which XML does not allow (at {at}); the document was not written. Remove the control character from the text and try again.")
            },
            Self::NotXml { part, said } => if zh {
                format!("{part}:XML 不合规({said}),文档未写入。")
            } else {
                format!("{part} is not well-formed XML ({said}); the document was not written.")
            },
            Self::Protected { path } => at(path) + lang.tr(
                "这是正在使用的数据库或其备份,不能写入导出文件。请换一个文件名或文件夹。",
                "This is the open database or one of its backups; an export may not be written there. Choose another name or folder.",
            ),
            Self::Exists { path } => at(path) + lang.tr(
                "文件已存在,未覆盖。请换一个文件名,或加 --force 覆盖。",
                "The file exists and was not replaced. Choose another name, or add --force to replace it.",
            ),
        }
    }
}
