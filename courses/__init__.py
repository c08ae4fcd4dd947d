"""The sample courses (each folder a course in the Markdown format), shipped inside the
package as ``elearn.sample_courses`` so that an installed elearn can load its demo."""
