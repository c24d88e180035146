package dev.lockstep.demorevision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An entity whose table no database can create: building the model fails in the middle,
 * after the scratch schema and the tables before it exist.
 */
@Entity
class Unbuildable {

	@Id
	private Long id;

	@Column(columnDefinition = "no_such_type")
	private String value;

}
