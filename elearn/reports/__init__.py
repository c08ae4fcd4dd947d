"""Reports for admins: the numbers behind each page, computed once in SQL, and the
exports that give the same rows as the page (CSV and XLSX)."""
